package io.manticore.api.config;

import java.util.regex.Pattern;

/** An S3 bucket over a namespace path. */
public record BucketConfig(String path, boolean publicRead) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IPV4 = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    /**
     * S3's bucket naming rule, for configured buckets and folders under the bucket root alike:
     * 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit,
     * no "..", not an IPv4 address.
     */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches() && !name.contains("..") && !IPV4.matcher(name).matches();
    }
}

package io.manticore.shell.internal.command;

import java.util.regex.Pattern;

/** S3's bucket naming rule, the one the S3 service applies to folders under the bucket root. */
final class BucketNames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IPV4 = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private BucketNames() {
    }

    static boolean valid(String name) {
        return NAME.matcher(name).matches() && !name.contains("..") && !IPV4.matcher(name).matches();
    }
}

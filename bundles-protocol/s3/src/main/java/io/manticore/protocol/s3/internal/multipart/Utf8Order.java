package io.manticore.protocol.s3.internal.multipart;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** S3's order of keys: by the unsigned bytes of their UTF-8. */
public final class Utf8Order implements Comparator<String> {

    public static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {
    }

    @Override
    public int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}

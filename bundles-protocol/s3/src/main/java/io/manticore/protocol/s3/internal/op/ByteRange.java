package io.manticore.protocol.s3.internal.op;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/**
 * A single byte range of a GET (RFC 7233): {@code bytes=a-b}, {@code bytes=a-} or
 * {@code bytes=-n}. A header S3 would ignore (several ranges, another unit, bad syntax) gives
 * null, meaning the whole object.
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /** The range of {@code header} within {@code size} bytes; InvalidRange when it lies wholly past the end. */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        // RFC 7233 2.1: the range unit is case-insensitive.
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (!digits(a) || !digits(b)) {
                return null;
            }
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    throw unsatisfiable();
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first < 0 || (!b.isEmpty() && last < first)) {
                return null;
            }
            if (first >= size) {
                throw unsatisfiable();
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** RFC 7233 2.1: positions are 1*DIGIT, so no sign (Long.parseLong would take one). */
    private static boolean digits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static S3Exception unsatisfiable() {
        return new S3Exception(S3Error.INVALID_RANGE, "the requested range is not satisfiable");
    }
}

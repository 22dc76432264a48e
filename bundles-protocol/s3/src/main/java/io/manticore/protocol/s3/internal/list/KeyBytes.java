package io.manticore.protocol.s3.internal.list;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keys as UTF-8 bytes, compared the way S3 orders them: unsigned byte by byte. */
final class KeyBytes {

    static final byte[] EMPTY = new byte[0];

    private KeyBytes() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** Compares {@code key} cut to the length of {@code bound} with {@code bound}: 0 when key starts with bound. */
    static int compareCut(byte[] key, byte[] bound) {
        return Arrays.compareUnsigned(key, 0, Math.min(key.length, bound.length), bound, 0, bound.length);
    }

    static boolean startsWith(byte[] bytes, byte[] start) {
        return bytes.length >= start.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] tail(byte[] bytes, int from) {
        return Arrays.copyOfRange(bytes, from, bytes.length);
    }

    /** Where {@code needle} first occurs in {@code bytes} at or after {@code from}, or -1. */
    static int indexOf(byte[] bytes, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Whether a directory entry's name can be part of a key: no '/', no NUL, and encodable as
     * UTF-8 (no unpaired surrogate).
     */
    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}

package io.manticore.protocol.s3.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * SigV4's URI encoding: RFC 3986 percent-decoding ('+' stays '+'), and S3's re-encoding that keeps
 * only the unreserved characters (and '/' in a path) and writes every other byte as upper-case %XX.
 */
final class UriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /**
     * The bytes {@code raw} stands for: %XX escapes decoded, a character up to U+00FF taken as one
     * byte, any other character as its UTF-8. Throws IllegalArgumentException on a malformed escape.
     */
    static byte[] decode(String raw) {
        byte[] out = new byte[raw.length() * 3];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? hexValue(raw.charAt(i + 1)) : -1;
                int low = high >= 0 ? hexValue(raw.charAt(i + 2)) : -1;
                if (low < 0) {
                    throw new IllegalArgumentException("malformed %-escape at offset " + i);
                }
                out[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c <= 0xFF) {
                out[length++] = (byte) c;
            } else {
                int codePoint = raw.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, out, length, utf8.length);
                length += utf8.length;
                i += Character.charCount(codePoint) - 1;
            }
        }
        return Arrays.copyOf(out, length);
    }

    /** {@code bytes} with every byte but A-Z a-z 0-9 - _ . ~ (and '/' when {@code keepSlash}) as %XX. */
    static String encode(byte[] bytes, boolean keepSlash) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) || c == '/' && keepSlash) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}

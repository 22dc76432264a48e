package io.manticore.protocol.s3.internal.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/**
 * RFC 3986 percent-encoding as S3 and SigV4 use it: decoding leaves '+' a plus; encoding keeps
 * only the unreserved characters (and '/' where asked) and writes every other byte as upper-case
 * %XX. Netty hands request lines and headers over one char per byte (ISO-8859-1), so a char up
 * to U+00FF is taken as the raw byte it was.
 */
public final class PercentCodec {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCodec() {
    }

    /** The text {@code raw} stands for; InvalidURI for a broken escape or bytes that are not UTF-8. */
    public static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.chars().allMatch(c -> c < 0x80)) {
            return raw;
        }
        byte[] bytes;
        try {
            bytes = decodeBytes(raw);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.INVALID_URI, "a '%' escape is cut short or not hexadecimal");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new S3Exception(S3Error.INVALID_URI, "the URI is not UTF-8");
        }
    }

    /**
     * The bytes {@code raw} stands for: %XX escapes decoded, a char up to U+00FF taken as one byte,
     * any other character as its UTF-8. IllegalArgumentException on a malformed escape.
     */
    public static byte[] decodeBytes(String raw) {
        byte[] out = new byte[raw.length() * 4];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? hexDigit(raw.charAt(i + 1)) : -1;
                int low = high >= 0 ? hexDigit(raw.charAt(i + 2)) : -1;
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

    /** {@code text} as UTF-8, encoded: for URLs, and S3's encoding-type=url. */
    public static String encode(String text, boolean keepSlash) {
        return encode(text.getBytes(StandardCharsets.UTF_8), keepSlash);
    }

    /** {@code bytes} with every byte but A-Z a-z 0-9 - _ . ~ (and '/' when {@code keepSlash}) as %XX. */
    public static String encode(byte[] bytes, boolean keepSlash) {
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

    /** The value of an ASCII hex digit, or -1 (Character.digit would also take other scripts' digits). */
    public static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
            return (c | 0x20) - 'a' + 10;
        }
        return -1;
    }

    private static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}

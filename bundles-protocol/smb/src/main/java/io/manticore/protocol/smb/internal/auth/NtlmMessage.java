package io.manticore.protocol.smb.internal.auth;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Bounds-checked reading of NTLM messages (MS-NLMP 2.2.1): a hostile length or offset is INVALID_PARAMETER. */
final class NtlmMessage {

    static final int NEGOTIATE = 1;
    static final int CHALLENGE = 2;
    static final int AUTHENTICATE = 3;

    private static final byte[] SIGNATURE = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};
    private static final int TYPE_OFFSET = 8;

    private NtlmMessage() {
    }

    /** True when the token starts with the NTLMSSP signature. */
    static boolean isNtlm(byte[] token) {
        if (token == null || token.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (token[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** The MessageType of an NTLM token. */
    static int type(byte[] token) throws AuthException {
        if (!isNtlm(token)) {
            throw AuthException.invalid("not an NTLMSSP message");
        }
        return (int) u32(token, TYPE_OFFSET);
    }

    static int u16(byte[] message, int offset) throws AuthException {
        need(message, offset, 2);
        return (message[offset] & 0xFF) | (message[offset + 1] & 0xFF) << 8;
    }

    static long u32(byte[] message, int offset) throws AuthException {
        need(message, offset, 4);
        return (message[offset] & 0xFFL) | (message[offset + 1] & 0xFFL) << 8 | (message[offset + 2] & 0xFFL) << 16
                | (message[offset + 3] & 0xFFL) << 24;
    }

    /** The payload a Len/MaxLen/BufferOffset field at {@code fieldOffset} points at (MS-NLMP 2.2.1.1). */
    static byte[] payload(byte[] message, int fieldOffset) throws AuthException {
        int length = u16(message, fieldOffset);
        long offset = u32(message, fieldOffset + 4);
        if (length == 0) {
            return new byte[0];
        }
        if (offset + length > message.length) {
            throw AuthException.invalid("an NTLM field of " + length + " bytes at " + offset + " past the "
                    + message.length + "-byte message");
        }
        byte[] out = new byte[length];
        System.arraycopy(message, (int) offset, out, 0, length);
        return out;
    }

    /** The BufferOffset of a non-empty field, or Long.MAX_VALUE for an empty one. */
    static long payloadOffset(byte[] message, int fieldOffset) throws AuthException {
        return u16(message, fieldOffset) == 0 ? Long.MAX_VALUE : u32(message, fieldOffset + 4);
    }

    /** A string field: UTF-16LE when NTLMSSP_NEGOTIATE_UNICODE was negotiated, else the OEM code page. */
    static String text(byte[] bytes, boolean unicode) throws AuthException {
        if (unicode && bytes.length % 2 != 0) {
            throw AuthException.invalid("a UTF-16 string of an odd length");
        }
        return new String(bytes, charset(unicode));
    }

    static byte[] bytes(String text, boolean unicode) {
        return text.getBytes(charset(unicode));
    }

    static void writeHeader(byte[] out, int type) {
        System.arraycopy(SIGNATURE, 0, out, 0, SIGNATURE.length);
        writeU32(out, TYPE_OFFSET, type);
    }

    static void writeU16(byte[] out, int offset, int value) {
        out[offset] = (byte) value;
        out[offset + 1] = (byte) (value >>> 8);
    }

    static void writeU32(byte[] out, int offset, long value) {
        for (int i = 0; i < 4; i++) {
            out[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Writes a Len/MaxLen/BufferOffset field and its payload; returns the offset after the payload. */
    static int writeField(byte[] out, int fieldOffset, byte[] value, int payloadOffset) {
        writeU16(out, fieldOffset, value.length);
        writeU16(out, fieldOffset + 2, value.length);
        writeU32(out, fieldOffset + 4, payloadOffset);
        System.arraycopy(value, 0, out, payloadOffset, value.length);
        return payloadOffset + value.length;
    }

    private static Charset charset(boolean unicode) {
        // An OEM code page is the client's choice; Latin-1 keeps every byte and covers ASCII names.
        return unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1;
    }

    private static void need(byte[] message, int offset, int length) throws AuthException {
        if (offset < 0 || offset + length > message.length) {
            throw AuthException.invalid("an NTLM message of " + message.length + " bytes is too short");
        }
    }
}

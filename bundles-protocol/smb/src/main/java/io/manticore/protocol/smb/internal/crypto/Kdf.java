package io.manticore.protocol.smb.internal.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The SMB 3.x key derivation function (MS-SMB2 3.1.4.2): SP800-108 in counter mode with HMAC-SHA256, r = 32. */
final class Kdf {

    private Kdf() {
    }

    /**
     * KDF(Ki, Label, Context) for a key of {@code bits} (128 or 256): one PRF block, since HMAC-SHA256 gives 256 bits.
     *
     * @param label   the label without its terminating zero byte, which is added here
     * @param context the context bytes as they are (a label string's zero byte included by the caller)
     */
    static byte[] derive(byte[] ki, String label, byte[] context, int bits) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(ki, "HmacSHA256"));
            hmac.update(ByteBuffer.allocate(4).putInt(1).array());
            hmac.update(label.getBytes(StandardCharsets.US_ASCII));
            hmac.update((byte) 0);
            // SP800-108 5.1: a zero byte separates Label from Context.
            hmac.update((byte) 0);
            hmac.update(context);
            hmac.update(ByteBuffer.allocate(4).putInt(bits).array());
            byte[] block = hmac.doFinal();
            byte[] key = new byte[bits / 8];
            System.arraycopy(block, 0, key, 0, key.length);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** A label string as a context: its ASCII bytes and the terminating zero (MS-SMB2 3.1.4.2 "SmbSign\0"). */
    static byte[] cString(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[ascii.length + 1];
        System.arraycopy(ascii, 0, out, 0, ascii.length);
        return out;
    }
}

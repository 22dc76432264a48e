package io.manticore.protocol.smb.internal.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.netty.buffer.ByteBuf;

/**
 * SMB 3.1.1 signing with AES-128-GMAC (RFC 4543; MS-SMB2 3.1.4.1): AES-GCM over no plaintext with the message as
 * additional data; the tag is the signature. The nonce is the MessageId, then the role and CANCEL bits.
 */
final class GmacSigner extends MessageSigner {

    private static final int COMMAND_OFFSET = 12;
    private static final int MESSAGE_ID_OFFSET = 24;
    private static final int COMMAND_CANCEL = 0x000C;
    private static final int NONCE_LENGTH = 12;

    private final SecretKeySpec key;

    GmacSigner(byte[] signingKey) {
        this.key = new SecretKeySpec(signingKey, "AES");
    }

    @Override
    byte[] mac(ByteBuf message) {
        try {
            // A fresh Cipher each time: the JDK refuses to re-initialise one with the key and nonce it last used.
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(SIGNATURE_LENGTH * 8, nonce(message)));
            feed(message, gcm::updateAAD);
            return gcm.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** MS-SMB2 3.1.4.1: MessageId, then bit 0 set by the server, bit 1 set for a CANCEL request. */
    static byte[] nonce(ByteBuf message) {
        int base = message.readerIndex();
        long messageId = message.getLongLE(base + MESSAGE_ID_OFFSET);
        boolean fromServer = (message.getIntLE(base + FLAGS_OFFSET) & FLAGS_SERVER_TO_REDIR) != 0;
        boolean cancel = message.getUnsignedShortLE(base + COMMAND_OFFSET) == COMMAND_CANCEL;
        byte[] nonce = new byte[NONCE_LENGTH];
        for (int i = 0; i < 8; i++) {
            nonce[i] = (byte) (messageId >>> (8 * i));
        }
        nonce[8] = (byte) ((fromServer ? 1 : 0) | (cancel ? 2 : 0));
        return nonce;
    }
}

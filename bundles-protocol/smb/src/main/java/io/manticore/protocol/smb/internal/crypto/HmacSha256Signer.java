package io.manticore.protocol.smb.internal.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.netty.buffer.ByteBuf;

/** SMB 2.0.2 and 2.1 signing (MS-SMB2 3.1.4.1): the first 16 bytes of HMAC-SHA256 over the message. */
final class HmacSha256Signer extends MessageSigner {

    private final SecretKeySpec key;

    HmacSha256Signer(byte[] signingKey) {
        this.key = new SecretKeySpec(signingKey, "HmacSHA256");
    }

    @Override
    byte[] mac(ByteBuf message) {
        Mac hmac;
        try {
            hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        feed(message, hmac::update);
        return Arrays.copyOf(hmac.doFinal(), SIGNATURE_LENGTH);
    }
}

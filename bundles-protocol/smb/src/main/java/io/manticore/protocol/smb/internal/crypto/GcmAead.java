package io.manticore.protocol.smb.internal.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM from the JDK (AES-128-GCM and AES-256-GCM, RFC 5084). */
final class GcmAead implements Aead {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;

    GcmAead(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public int nonceLength() {
        return 12;
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, byte[] plain, int length, byte[] out, int outOffset) {
        try {
            // A fresh Cipher each time: the JDK refuses to re-initialise one with the key and nonce it last used.
            Cipher gcm = Cipher.getInstance(TRANSFORMATION);
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            gcm.updateAAD(aad);
            gcm.doFinal(plain, 0, length, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    @Override
    public byte[] open(byte[] nonce, byte[] aad, byte[] sealed) throws CryptoException {
        try {
            Cipher gcm = Cipher.getInstance(TRANSFORMATION);
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            gcm.updateAAD(aad);
            return gcm.doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw new CryptoException("the AES-GCM tag does not match");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}

package io.manticore.protocol.smb.internal.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** AES-CCM (AES-128-CCM and AES-256-CCM, RFC 5084): the JDK has none, so Bouncy Castle's. */
final class CcmAead implements Aead {

    private final KeyParameter key;

    CcmAead(byte[] key) {
        this.key = new KeyParameter(key.clone());
    }

    @Override
    public int nonceLength() {
        return 11;
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, byte[] plain, int length, byte[] out, int outOffset) {
        CCMModeCipher ccm = ccm(true, nonce, aad);
        try {
            int written = ccm.processBytes(plain, 0, length, out, outOffset);
            ccm.doFinal(out, outOffset + written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-CCM failed to encrypt", e);
        }
    }

    @Override
    public byte[] open(byte[] nonce, byte[] aad, byte[] sealed) throws CryptoException {
        if (sealed.length < TAG_LENGTH) {
            throw new CryptoException("no room for the AES-CCM tag");
        }
        CCMModeCipher ccm = ccm(false, nonce, aad);
        byte[] plain = new byte[sealed.length - TAG_LENGTH];
        try {
            int written = ccm.processBytes(sealed, 0, sealed.length, plain, 0);
            ccm.doFinal(plain, written);
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("the AES-CCM tag does not match");
        }
        return plain;
    }

    private CCMModeCipher ccm(boolean encrypt, byte[] nonce, byte[] aad) {
        CCMModeCipher ccm = CCMBlockCipher.newInstance(AESEngine.newInstance());
        ccm.init(encrypt, new AEADParameters(key, TAG_LENGTH * 8, nonce, aad));
        return ccm;
    }
}

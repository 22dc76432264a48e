package io.manticore.protocol.smb.internal.crypto;

/** An AEAD cipher under one key whose output is the ciphertext followed by a 16-byte tag. */
interface Aead {

    int TAG_LENGTH = 16;

    /** The nonce length the cipher takes: 11 for CCM, 12 for GCM (MS-SMB2 2.2.41). */
    int nonceLength();

    /** Encrypts {@code plain[0, length)} into {@code out} at {@code outOffset}: ciphertext, then the tag. */
    void seal(byte[] nonce, byte[] aad, byte[] plain, int length, byte[] out, int outOffset);

    /** Decrypts ciphertext-then-tag; a tag that does not match is a CryptoException. */
    byte[] open(byte[] nonce, byte[] aad, byte[] sealed) throws CryptoException;

    static Aead of(int cipherId, byte[] key) {
        if (!CipherId.isKnown(cipherId)) {
            throw new IllegalArgumentException("cipher " + cipherId);
        }
        if (key == null || key.length != CipherId.keyBits(cipherId) / 8) {
            throw new IllegalArgumentException("cipher " + cipherId + " needs a " + CipherId.keyBits(cipherId)
                    + "-bit key");
        }
        return CipherId.isGcm(cipherId) ? new GcmAead(key) : new CcmAead(key);
    }
}

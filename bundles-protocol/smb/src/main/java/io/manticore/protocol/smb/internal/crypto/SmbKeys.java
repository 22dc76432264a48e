package io.manticore.protocol.smb.internal.crypto;

import java.util.Arrays;

/**
 * A session's keys (MS-SMB2 3.3.5.5.3): for 2.0.2 and 2.1 the session key signs; for 3.x the keys come from the
 * session key through the SP800-108 KDF, with fixed contexts for 3.0/3.0.2 and the pre-authentication hash for 3.1.1.
 */
public final class SmbKeys {

    private static final int DIALECT_3_0 = 0x0300;
    private static final int DIALECT_3_1_1 = 0x0311;
    private static final int KEY_BYTES = 16;
    private static final int PREAUTH_BYTES = 64;

    private final byte[] signingKey;
    private final byte[] encryptionKey;
    private final byte[] decryptionKey;
    private final byte[] applicationKey;

    private SmbKeys(byte[] signingKey, byte[] encryptionKey, byte[] decryptionKey, byte[] applicationKey) {
        this.signingKey = signingKey;
        this.encryptionKey = encryptionKey;
        this.decryptionKey = decryptionKey;
        this.applicationKey = applicationKey;
    }

    /**
     * Derives the keys of a session.
     *
     * @param dialect     the connection's dialect (0x0202 … 0x0311)
     * @param sessionKey  the authentication's session key (NTLM's exported session key)
     * @param preauthHash the session's pre-authentication hash for 3.1.1 (64 bytes), ignored before
     * @param cipher      the negotiated cipher id, or 0: an AES-256 cipher takes 256-bit cipher keys
     */
    public static SmbKeys derive(int dialect, byte[] sessionKey, byte[] preauthHash, int cipher) {
        if (sessionKey == null || sessionKey.length == 0) {
            throw new IllegalArgumentException("no session key");
        }
        // MS-SMB2 3.3.1.8: Session.SessionKey is the first 16 bytes of the key, right-padded with zeros.
        byte[] key = Arrays.copyOf(sessionKey, KEY_BYTES);
        if (dialect < DIALECT_3_0) {
            return new SmbKeys(key, null, null, key.clone());
        }
        int cipherBits = CipherId.keyBits(cipher);
        // MS-SMB2 3.3.5.5.3: the AES-256 ciphers derive from the full session key, with L = 256.
        byte[] cipherKi = cipherBits == 256 ? sessionKey.clone() : key;
        if (dialect == DIALECT_3_1_1) {
            if (preauthHash == null || preauthHash.length != PREAUTH_BYTES) {
                throw new IllegalArgumentException("3.1.1 keys need the 64-byte pre-authentication hash");
            }
            return new SmbKeys(
                    Kdf.derive(key, "SMBSigningKey", preauthHash, 128),
                    Kdf.derive(cipherKi, "SMBS2CCipherKey", preauthHash, cipherBits),
                    Kdf.derive(cipherKi, "SMBC2SCipherKey", preauthHash, cipherBits),
                    Kdf.derive(key, "SMBAppKey", preauthHash, 128));
        }
        return new SmbKeys(
                Kdf.derive(key, "SMB2AESCMAC", Kdf.cString("SmbSign"), 128),
                Kdf.derive(key, "SMB2AESCCM", Kdf.cString("ServerOut"), 128),
                Kdf.derive(key, "SMB2AESCCM", Kdf.cString("ServerIn "), 128),
                Kdf.derive(key, "SMB2APP", Kdf.cString("SmbRpc"), 128));
    }

    /** The key that signs and verifies the session's messages. */
    public byte[] signingKey() {
        return signingKey.clone();
    }

    /** The key this server encrypts with (server to client); null before 3.0. */
    public byte[] encryptionKey() {
        return encryptionKey == null ? null : encryptionKey.clone();
    }

    /** The key this server decrypts with (client to server); null before 3.0. */
    public byte[] decryptionKey() {
        return decryptionKey == null ? null : decryptionKey.clone();
    }

    /** The key handed to applications over the session (RPC pipes). */
    public byte[] applicationKey() {
        return applicationKey.clone();
    }
}

package io.manticore.protocol.smb.internal.crypto;

/** The SMB2 encryption cipher ids (MS-SMB2 2.2.3.1.2) and what each needs. */
public final class CipherId {

    public static final int AES_128_CCM = 1;
    public static final int AES_128_GCM = 2;
    public static final int AES_256_CCM = 3;
    public static final int AES_256_GCM = 4;

    private CipherId() {
    }

    /** True for the four cipher ids this server knows. */
    public static boolean isKnown(int cipherId) {
        return cipherId >= AES_128_CCM && cipherId <= AES_256_GCM;
    }

    public static boolean isGcm(int cipherId) {
        return cipherId == AES_128_GCM || cipherId == AES_256_GCM;
    }

    /** The key length in bits: 256 for the AES-256 ciphers, else 128. */
    public static int keyBits(int cipherId) {
        return cipherId == AES_256_CCM || cipherId == AES_256_GCM ? 256 : 128;
    }
}

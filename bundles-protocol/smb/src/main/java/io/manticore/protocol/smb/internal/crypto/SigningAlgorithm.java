package io.manticore.protocol.smb.internal.crypto;

/** The SMB2 signing algorithm ids (MS-SMB2 2.2.3.1.7). */
public final class SigningAlgorithm {

    public static final int HMAC_SHA256 = 0;
    public static final int AES_CMAC = 1;
    public static final int AES_GMAC = 2;

    private SigningAlgorithm() {
    }
}

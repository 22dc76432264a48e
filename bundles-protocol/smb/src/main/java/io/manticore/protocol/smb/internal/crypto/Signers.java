package io.manticore.protocol.smb.internal.crypto;

/** Picks the signing algorithm of a dialect (MS-SMB2 3.1.4.1). */
public final class Signers {

    private static final int DIALECT_3_0 = 0x0300;
    private static final int DIALECT_3_1_1 = 0x0311;

    private Signers() {
    }

    /**
     * The signer of a session: HMAC-SHA256 for 2.0.2 and 2.1, AES-CMAC for 3.0 and 3.0.2, and for 3.1.1 the
     * algorithm the SMB2_SIGNING_CAPABILITIES context negotiated.
     */
    public static Signer of(int dialect, int signingAlgorithmId, byte[] signingKey) {
        if (signingKey == null || signingKey.length == 0) {
            throw new IllegalArgumentException("no signing key");
        }
        if (dialect < DIALECT_3_0) {
            return new HmacSha256Signer(signingKey);
        }
        if (dialect < DIALECT_3_1_1) {
            return new CmacSigner(signingKey);
        }
        return switch (signingAlgorithmId) {
            case SigningAlgorithm.HMAC_SHA256 -> new HmacSha256Signer(signingKey);
            case SigningAlgorithm.AES_CMAC -> new CmacSigner(signingKey);
            case SigningAlgorithm.AES_GMAC -> new GmacSigner(signingKey);
            default -> throw new IllegalArgumentException("signing algorithm " + signingAlgorithmId);
        };
    }
}

package io.manticore.protocol.smb.internal.conn;

/**
 * What NEGOTIATE settled (MS-SMB2 3.3.5.4), kept to answer FSCTL_VALIDATE_NEGOTIATE_INFO.
 *
 * @param cipher           the encryption cipher id (1..4), 0 when none
 * @param signing          the signing algorithm id (0 HMAC-SHA256, 1 AES-CMAC, 2 AES-GMAC)
 * @param clientDialects   the dialects the client offered
 * @param serverSecurity   the security mode the server answered
 * @param serverCapabilities the capabilities the server answered
 */
public record Negotiated(int dialect, byte[] clientGuid, int clientCapabilities, int clientSecurityMode,
                         int[] clientDialects, int cipher, int signing, int serverSecurity, int serverCapabilities) {

    public static final int CAP_DFS = 0x01;
    public static final int CAP_LEASING = 0x02;
    public static final int CAP_LARGE_MTU = 0x04;
    public static final int CAP_MULTI_CHANNEL = 0x08;
    public static final int CAP_ENCRYPTION = 0x40;
    public static final int SIGNING_ENABLED = 0x01;
    public static final int SIGNING_REQUIRED = 0x02;

    public boolean largeMtu() {
        return (serverCapabilities & CAP_LARGE_MTU) != 0;
    }
}

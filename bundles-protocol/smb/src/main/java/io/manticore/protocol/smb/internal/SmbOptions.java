package io.manticore.protocol.smb.internal;

import io.manticore.api.config.ServerConfig;
import io.manticore.api.config.SmbSettings;
import io.manticore.protocol.smb.internal.wire.Dialect;

/**
 * The SMB service's settings.
 *
 * @param serverName        the NetBIOS name the server announces (NTLM target info, srvsvc)
 * @param domain            the NetBIOS domain it announces
 * @param minDialect        the lowest dialect accepted
 * @param maxDialect        the highest dialect offered
 * @param signingRequired   every session must sign (guest and anonymous sessions cannot: refused)
 * @param encrypt           every 3.x session must encrypt (SMB2_SESSION_FLAG_ENCRYPT_DATA)
 * @param guest             unknown users and anonymous logons become the guest user when that user is configured
 * @param guestUser         the configured user guest sessions run as
 * @param caseInsensitive   names match ignoring case, keeping the case they were created with
 * @param maxIo             MaxReadSize, MaxWriteSize and MaxTransactSize
 * @param maxCredits        the most message ids a connection may hold granted and unused
 */
public record SmbOptions(String serverName, String domain, int minDialect, int maxDialect, boolean signingRequired,
                         boolean encrypt, boolean guest, String guestUser, boolean caseInsensitive, int maxIo,
                         int maxCredits) {

    public static final int DEFAULT_MAX_IO = 8 * 1024 * 1024;

    public static final SmbOptions DEFAULTS = new SmbOptions("MANTICORE", "WORKGROUP", Dialect.SMB_2_0_2,
            Dialect.SMB_3_1_1, false, false, false, "guest", true, DEFAULT_MAX_IO, 8192);

    /** The options of the configuration's {@code smb} section. */
    public static SmbOptions from(ServerConfig config) {
        SmbSettings smb = config.smb();
        return new SmbOptions(smb.serverName(), smb.domain(), Dialect.parse(smb.minDialect()), Dialect.SMB_3_1_1,
                smb.signingRequired(), smb.encrypt(), smb.guestUser() != null,
                smb.guestUser() == null ? "" : smb.guestUser(), smb.caseInsensitive(), DEFAULT_MAX_IO,
                DEFAULTS.maxCredits());
    }

    /** The largest message a client may send: the largest WRITE plus its header and some room for a compound. */
    public int maxMessage() {
        return maxIo + 64 * 1024;
    }

    public SmbOptions withSigningRequired(boolean required) {
        return new SmbOptions(serverName, domain, minDialect, maxDialect, required, encrypt, guest, guestUser,
                caseInsensitive, maxIo, maxCredits);
    }

    public SmbOptions withEncrypt(boolean encryptAll) {
        return new SmbOptions(serverName, domain, minDialect, maxDialect, signingRequired, encryptAll, guest, guestUser,
                caseInsensitive, maxIo, maxCredits);
    }

    public SmbOptions withDialects(int min, int max) {
        return new SmbOptions(serverName, domain, min, max, signingRequired, encrypt, guest, guestUser,
                caseInsensitive, maxIo, maxCredits);
    }
}

package io.manticore.api.config;

/**
 * The SMB service's settings.
 *
 * @param serverName      the NetBIOS name the server announces (NTLM, srvsvc)
 * @param domain          the NetBIOS domain or workgroup it announces
 * @param minDialect      the lowest dialect accepted: "2.0.2", "2.1", "3.0", "3.0.2" or "3.1.1"
 * @param signingRequired every session must sign its messages
 * @param encrypt         every session must encrypt its messages (SMB 3.x clients only)
 * @param guestUser       the configured user that guest and anonymous logons run as, or null for no guest access
 * @param caseInsensitive names match ignoring case and keep the case they were created with
 */
public record SmbSettings(String serverName, String domain, String minDialect, boolean signingRequired,
                          boolean encrypt, String guestUser, boolean caseInsensitive) {
    public static final SmbSettings DEFAULTS = new SmbSettings("MANTICORE", "WORKGROUP", "2.0.2", false, false, null,
            true);
}

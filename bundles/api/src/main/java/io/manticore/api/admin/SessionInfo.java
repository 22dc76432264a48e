package io.manticore.api.admin;

import java.util.List;

/**
 * An authenticated session of a protocol that has sessions (SMB), as {@code nas:sessions} shows it.
 *
 * @param protocol  the protocol serving it ({@code smb})
 * @param address   the client's address
 * @param user      the configured user it runs as (the guest user for a guest session)
 * @param dialect   what the connection negotiated, such as {@code 3.1.1}
 * @param signing   whether its messages are signed
 * @param encryption whether its messages are encrypted
 * @param openFiles the files and folders it has open now
 * @param shares    the shares it is connected to, once per tree connect
 */
public record SessionInfo(String protocol, String address, String user, String dialect, boolean signing,
                          boolean encryption, int openFiles, List<String> shares) {

    public SessionInfo {
        shares = List.copyOf(shares);
    }
}

package io.manticore.api.admin;

import java.util.List;

/**
 * A client of one protocol as the shell shows it.
 *
 * @param protocol    the protocol serving it ({@code nfs3}, {@code smb}, {@code s3}, …)
 * @param address     the client's address
 * @param auth        the authentication flavour of its latest call ({@code sys}, {@code none}, …), or "-"
 * @param connections its connections open now
 * @param calls       the calls it has made
 * @param detail      what else the protocol knows of it, such as the paths it has mounted
 */
public record ClientInfo(String protocol, String address, String auth, int connections, long calls,
                         List<String> detail) {

    public ClientInfo {
        detail = List.copyOf(detail);
    }
}

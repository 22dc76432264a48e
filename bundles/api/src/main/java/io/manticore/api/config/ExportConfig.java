package io.manticore.api.config;

import java.util.List;

/**
 * An NFS export of a namespace path.
 *
 * @param path     the namespace path exported ({@code /<mount>/…})
 * @param readOnly true for "ro"
 * @param squash   "none", "root" or "all"
 * @param clients  addresses or CIDR ranges allowed
 * @param anonUid  uid squashed users become
 * @param anonGid  gid squashed users become
 */
public record ExportConfig(String path, boolean readOnly, String squash, List<String> clients,
                           int anonUid, int anonGid) {

    public ExportConfig {
        clients = List.copyOf(clients);
    }
}

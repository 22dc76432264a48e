package io.manticore.api.config;

import java.util.List;

/**
 * A user: a password or an NT hash (hex), and the identity the user's requests run as.
 * {@code shellAdmin} users may log into the SSH shell.
 */
public record UserConfig(String name, String password, String ntHash, int uid, int gid,
                         List<Integer> groups, boolean shellAdmin) {

    public UserConfig {
        groups = List.copyOf(groups);
    }

    @Override
    public String toString() {
        return "UserConfig[name=" + name + ", uid=" + uid + ", gid=" + gid + ", groups=" + groups
                + ", shellAdmin=" + shellAdmin + "]";
    }
}

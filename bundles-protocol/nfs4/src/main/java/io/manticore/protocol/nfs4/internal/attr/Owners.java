package io.manticore.protocol.nfs4.internal.attr;

import io.manticore.api.config.ConfigService;
import io.manticore.api.config.UserConfig;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;

/**
 * owner and owner_group strings (RFC 7530 5.9, RFC 8881 5.9): sent as the numeric id, as Linux's
 * nfsd does with nfs4_disable_idmapping; taken as a number with or without "@domain", or as the
 * name of a configured user.
 */
public final class Owners {

    private final ConfigService config;

    public Owners(ConfigService config) {
        this.config = config;
    }

    public static String of(int id) {
        return Integer.toUnsignedString(id);
    }

    /** The uid {@code owner} names: BADOWNER when none. */
    public int uid(String owner) {
        String name = local(owner);
        Integer id = numeric(name);
        if (id != null) {
            return id;
        }
        UserConfig user = config.current().user(name);
        if (user == null) {
            throw new Nfs4Exception(Nfs4Status.BADOWNER, "unknown owner " + owner);
        }
        return user.uid();
    }

    /** The gid {@code group} names: BADOWNER when it is not numeric (no group names are configured). */
    public int gid(String group) {
        Integer id = numeric(local(group));
        if (id == null) {
            throw new Nfs4Exception(Nfs4Status.BADOWNER, "unknown group " + group);
        }
        return id;
    }

    private static String local(String owner) {
        int at = owner.indexOf('@');
        return at < 0 ? owner : owner.substring(0, at);
    }

    private static Integer numeric(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        long value = Long.parseLong(s);
        return value > 0xffffffffL ? null : (int) value;
    }
}

package io.manticore.api.cred;

import java.util.Arrays;

/**
 * The identity a request runs as: a user id, a primary group and supplementary groups.
 *
 * @param uid    the user id
 * @param gid    the primary group id
 * @param groups supplementary group ids (a defensive copy is kept)
 */
public record Cred(int uid, int gid, int[] groups) {

    /** The superuser. */
    public static final Cred ROOT = new Cred(0, 0, new int[0]);

    public Cred {
        groups = groups == null ? new int[0] : groups.clone();
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    public boolean isRoot() {
        return uid == 0;
    }

    /** True when {@code id} is the primary group or one of the supplementary groups. */
    public boolean inGroup(int id) {
        if (gid == id) {
            return true;
        }
        for (int g : groups) {
            if (g == id) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cred c && c.uid == uid && c.gid == gid && Arrays.equals(c.groups, groups);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * uid + gid) + Arrays.hashCode(groups);
    }

    @Override
    public String toString() {
        return "Cred[uid=" + uid + ", gid=" + gid + ", groups=" + Arrays.toString(groups) + "]";
    }
}

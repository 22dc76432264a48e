package io.manticore.api.cred;

import java.util.Arrays;
import java.util.Objects;

import io.manticore.api.lease.LockOwner;

/**
 * The identity a request runs as: a user id, a primary group and supplementary groups, and the
 * lease key the request is made under, if any.
 *
 * @param uid      the user id
 * @param gid      the primary group id
 * @param groups   supplementary group ids (a defensive copy is kept)
 * @param leaseKey the caching lease the caller holds on the files it touches (an SMB open's lease
 *                 key, an NFSv4 client's delegations), whose leases core does not break for this
 *                 caller's own access; null for callers that hold none (NFSv3, S3)
 */
public record Cred(int uid, int gid, int[] groups, LockOwner leaseKey) {

    /** The superuser. */
    public static final Cred ROOT = new Cred(0, 0, new int[0]);

    public Cred {
        groups = groups == null ? new int[0] : groups.clone();
    }

    /** An identity that holds no lease. */
    public Cred(int uid, int gid, int[] groups) {
        this(uid, gid, groups, null);
    }

    /** The same identity, calling under the lease key {@code key}. */
    public Cred withLeaseKey(LockOwner key) {
        return new Cred(uid, gid, groups, key);
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
        return o instanceof Cred c && c.uid == uid && c.gid == gid && Arrays.equals(c.groups, groups)
                && Objects.equals(c.leaseKey, leaseKey);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * uid + gid) + Arrays.hashCode(groups)) + Objects.hashCode(leaseKey);
    }

    @Override
    public String toString() {
        return "Cred[uid=" + uid + ", gid=" + gid + ", groups=" + Arrays.toString(groups)
                + (leaseKey != null ? ", leaseKey=" + leaseKey : "") + "]";
    }
}

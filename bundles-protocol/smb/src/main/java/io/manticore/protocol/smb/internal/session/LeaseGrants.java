package io.manticore.protocol.smb.internal.session;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.manticore.api.lease.LockOwner;

/**
 * The leases the server's clients hold, by lease key (one file per key and client, MS-SMB2
 * 3.3.5.9.8), each shared by the opens that named it. Bounded by the opens: a lease lives while
 * an open holds it.
 */
public final class LeaseGrants {

    private final Map<LockOwner, CachingGrant> byKey = new HashMap<>();

    /** The lease under {@code key}, made by {@code make} when there is none, counted as held by one more open. */
    public synchronized CachingGrant join(LockOwner key, Supplier<CachingGrant> make) {
        CachingGrant grant = byKey.computeIfAbsent(key, k -> make.get());
        grant.joined();
        return grant;
    }

    /** The lease under {@code key}, or null. */
    public synchronized CachingGrant find(LockOwner key) {
        return byKey.get(key);
    }

    /** One open of {@code grant} closed; true when it was the last, and the lease must be released. */
    public synchronized boolean leave(CachingGrant grant) {
        if (!grant.left()) {
            return false;
        }
        byKey.remove(grant.key(), grant);
        return true;
    }
}

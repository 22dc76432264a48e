package io.manticore.core.internal.lease;

import java.util.concurrent.ConcurrentHashMap;

import io.manticore.api.lease.LockOwner;

/** How many held locks and waiting requests each client has, bounded. */
final class ClientCounts {

    private record Client(String protocol, String clientId) {
    }

    private final ConcurrentHashMap<Client, Integer> counts = new ConcurrentHashMap<>();
    private final int max;

    ClientCounts(int max) {
        this.max = max;
    }

    /** Adds {@code delta} unless that takes the owner's client past the bound; a delta of 0 or less always succeeds. */
    boolean tryAdd(LockOwner owner, int delta) {
        if (delta <= 0) {
            add(owner, delta);
            return true;
        }
        boolean[] added = {false};
        counts.compute(clientOf(owner), (client, count) -> {
            int now = count == null ? 0 : count;
            if (now + delta > max) {
                return count;
            }
            added[0] = true;
            return now + delta;
        });
        return added[0];
    }

    /** Adds {@code delta} whatever the bound. */
    void add(LockOwner owner, int delta) {
        if (delta != 0) {
            counts.compute(clientOf(owner), (client, count) -> {
                int now = (count == null ? 0 : count) + delta;
                return now == 0 ? null : now;
            });
        }
    }

    int count(String protocol, String clientId) {
        return counts.getOrDefault(new Client(protocol, clientId), 0);
    }

    int clients() {
        return counts.size();
    }

    private static Client clientOf(LockOwner owner) {
        return new Client(owner.protocol(), owner.clientId());
    }
}

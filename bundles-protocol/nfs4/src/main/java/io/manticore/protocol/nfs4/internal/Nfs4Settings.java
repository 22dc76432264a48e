package io.manticore.protocol.nfs4.internal;

import java.time.Duration;

/**
 * The NFSv4 service's limits.
 *
 * @param lease                how long a client's state lives without renewal (fattr4 lease_time)
 * @param maxOperations        the most operations one COMPOUND may hold (RFC 7530 NFS4ERR_RESOURCE,
 *                             RFC 8881 NFS4ERR_TOO_MANY_OPS beyond it)
 * @param maxSlots             the most slots a session's fore channel gets
 * @param maxSessionsPerClient the most sessions one client may hold at once
 * @param maxClients           the most client records kept, confirmed or not
 * @param maxOwnersPerClient   the most open-owners one client may have
 * @param maxOpensPerClient    the most opens one client may hold at once
 * @param maxCachedReply       the largest reply a session slot keeps for a retry (ca_maxresponsesize_cached)
 */
public record Nfs4Settings(Duration lease, int maxOperations, int maxSlots, int maxSessionsPerClient, int maxClients,
                           int maxOwnersPerClient, int maxOpensPerClient, int maxCachedReply) {

    public static final Nfs4Settings DEFAULTS = new Nfs4Settings(Duration.ofSeconds(90), 128, 64, 16, 4096, 1024,
            16_384, 64 * 1024);

    /** The same limits with another lease time. */
    public Nfs4Settings withLease(Duration newLease) {
        return new Nfs4Settings(newLease, maxOperations, maxSlots, maxSessionsPerClient, maxClients, maxOwnersPerClient,
                maxOpensPerClient, maxCachedReply);
    }

    /** The lease in whole seconds, as fattr4 lease_time carries it. */
    public int leaseSeconds() {
        return (int) Math.max(1, lease.toSeconds());
    }
}

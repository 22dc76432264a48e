package io.manticore.api.lease;

import org.osgi.annotation.versioning.ConsumerType;

/** The protocol's side of a lease it holds for a client: told when the lease must shrink. */
@ConsumerType
public interface LeaseBreaker {

    /**
     * Asks the holder of {@code lease} to give up every right beyond {@code to}: the protocol
     * tells its client (SMB LEASE_BREAK or OPLOCK_BREAK, NFSv4 CB_RECALL) and calls
     * {@link Lease#acknowledge} once the client has flushed what it cached, or at once when the
     * protocol needs no answer (an SMB break from R to none). Called on any thread, never under a
     * lock of core's; must not block.
     */
    void breakLease(Lease lease, LeaseState to);
}

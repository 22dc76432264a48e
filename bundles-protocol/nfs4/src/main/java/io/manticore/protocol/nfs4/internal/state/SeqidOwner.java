package io.manticore.protocol.nfs4.internal.state;

import io.manticore.api.lease.LockOwner;
import io.manticore.protocol.nfs4.internal.fh.CurrentFh;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;

/**
 * An open-owner or lock-owner (RFC 7530 9.1.5): a client's owner string and, for NFSv4.0, its
 * sequence id with the reply of its last seqid-bearing operation, for a retransmission.
 * Mutated only by {@link StateManager} under its lock.
 */
public abstract sealed class SeqidOwner permits OpenOwner, LockOwnerState {

    private final NfsClient client;
    private final byte[] owner;
    private final LockOwner leaseOwner;
    /** Whether a seqid was ever accepted: a new owner takes the first one it is given. */
    boolean sequenced;
    int seqid;
    /** A seqid-bearing operation of this owner is running. */
    boolean busy;
    OpResult lastResult;
    CurrentFh lastFh;

    /** {@code kind} keeps open-owners and lock-owners of the same string apart in core's lease manager. */
    SeqidOwner(NfsClient client, byte[] owner, char kind) {
        this.client = client;
        this.owner = owner.clone();
        byte[] id = new byte[owner.length + 1];
        id[0] = (byte) kind;
        System.arraycopy(owner, 0, id, 1, owner.length);
        this.leaseOwner = LockOwner.of(StateManager.PROTOCOL, client.key(), id);
    }

    public NfsClient client() {
        return client;
    }

    /** The owner string as the client sent it (a copy). */
    public byte[] owner() {
        return owner.clone();
    }

    OwnerKey key() {
        return new OwnerKey(owner);
    }

    /** Who holds this owner's share reservations and locks in core's lease manager. */
    public LockOwner leaseOwner() {
        return leaseOwner;
    }
}

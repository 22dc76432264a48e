package io.manticore.protocol.nfs4.internal.state;

import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;

/**
 * A lock stateid (RFC 7530 9.1.4): one lock-owner's locks on one file, through the open they
 * were taken under. Mutated only by {@link StateManager} under its lock.
 */
public final class LockState implements HeldState {

    private final int index;
    private final LockOwnerState owner;
    private final OpenState open;
    int seqid = 1;

    LockState(int index, LockOwnerState owner, OpenState open) {
        this.index = index;
        this.owner = owner;
        this.open = open;
    }

    @Override
    public int index() {
        return index;
    }

    public LockOwnerState owner() {
        return owner;
    }

    @Override
    public OpenState open() {
        return open;
    }

    @Override
    public ExportFh file() {
        return open.file();
    }

    @Override
    public Stateid stateid() {
        return Stateid.of(seqid, owner.client().id(), index);
    }
}

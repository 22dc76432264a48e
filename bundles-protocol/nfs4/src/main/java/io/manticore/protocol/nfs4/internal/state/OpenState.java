package io.manticore.protocol.nfs4.internal.state;

import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;

/**
 * One open-owner's open of one file (RFC 7530 9.1.4): its stateid's index and seqid, and the
 * share access and deny it holds (OPEN4_SHARE_ACCESS_* and OPEN4_SHARE_DENY_* bits). Mutated
 * only by {@link StateManager} under its lock.
 */
public final class OpenState implements HeldState {

    private final int index;
    private final OpenOwner owner;
    private final ExportFh file;
    int seqid = 1;
    int access;
    int deny;
    /** Closed, kept only so that a retransmitted CLOSE finds its owner. */
    boolean closed;

    OpenState(int index, OpenOwner owner, ExportFh file, int access, int deny) {
        this.index = index;
        this.owner = owner;
        this.file = file;
        this.access = access;
        this.deny = deny;
    }

    @Override
    public int index() {
        return index;
    }

    public OpenOwner owner() {
        return owner;
    }

    @Override
    public ExportFh file() {
        return file;
    }

    public int access() {
        return access;
    }

    public int deny() {
        return deny;
    }

    @Override
    public OpenState open() {
        return this;
    }

    @Override
    public Stateid stateid() {
        return Stateid.of(seqid, owner.client().id(), index);
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.api.lease.LockRange;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.state.LockOwnerState;
import io.manticore.protocol.nfs4.internal.state.LockState;
import io.manticore.protocol.nfs4.internal.state.NfsClient;
import io.manticore.protocol.nfs4.internal.state.OpenState;
import io.manticore.protocol.nfs4.internal.state.StateManager;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * LOCK (RFC 7530 16.10): a POSIX byte-range lock in core's lease manager, so NLM's and SMB's
 * locks and these conflict. A new lock-owner comes in through an open (its open-owner's seqid
 * orders the request); a known one through its lock stateid. A blocking type does not wait:
 * the client polls on DENIED. Reclaims answer NO_GRACE.
 */
final class Lock implements Operation<Lock.Args> {

    /**
     * LOCK4args; for a new lock-owner the open's seqid and stateid and the owner, else the lock stateid.
     */
    record Args(int type, boolean reclaim, long offset, long length, boolean newOwner, int openSeqid, Stateid openStateid,
                int lockSeqid, long clientId, byte[] owner, Stateid lockStateid) {
    }

    @Override
    public int opcode() {
        return Opcodes.LOCK;
    }

    @Override
    public Args decode(XdrDecoder in) {
        int type = LockRanges.type(in.readEnum());
        boolean reclaim = in.readBool();
        long offset = in.readUnsignedHyper();
        long length = in.readUnsignedHyper();
        if (in.readBool()) {
            int openSeqid = in.readInt();
            Stateid openStateid = Stateid.decode(in);
            int lockSeqid = in.readInt();
            long clientId = in.readHyper();
            byte[] owner = in.readOpaqueBytes(Nfs4Xdr.OPAQUE_LIMIT);
            return new Args(type, reclaim, offset, length, true, openSeqid, openStateid, lockSeqid, clientId, owner, null);
        }
        Stateid lockStateid = Stateid.decode(in);
        return new Args(type, reclaim, offset, length, false, 0, null, in.readInt(), 0, null, lockStateid);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        if (args.reclaim()) {
            throw new Nfs4Exception(Nfs4Status.NO_GRACE, "no grace period: nothing to reclaim");
        }
        LockRange range = LockRanges.of(args.offset(), args.length());
        boolean exclusive = LockRanges.exclusive(args.type());
        StateManager state = c.state();
        int minor = c.minorVersion();
        if (!args.newOwner()) {
            Stateid given = c.stateid(args.lockStateid());
            if (!(state.owning(given) instanceof LockState found)) {
                throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "not a lock stateid");
            }
            c.touch(found.owner().client());
            return SeqidGate.run(c, this, found.owner(), args.lockSeqid(), () -> {
                LockState lock = state.lockState(given, file.fh(), minor);
                requireMode(lock.open(), exclusive);
                return Ops.done(lock(c, lock, range, exclusive));
            });
        }
        Stateid given = c.stateid(args.openStateid());
        OpenState owning = state.owning(given).open();
        NfsClient client = owning.owner().client();
        c.touch(client);
        return SeqidGate.run(c, this, owning.owner(), args.openSeqid(), () -> {
            OpenState open = state.openState(given, file.fh(), minor);
            requireMode(open, exclusive);
            LockOwnerState owner = state.lockOwner(client, args.owner(), minor);
            OpResult result = lock(c, state.lockState(owner, open, minor), range, exclusive);
            if (minor == 0) {
                state.startLockSeqid(owner, args.lockSeqid(), result);
            }
            return Ops.done(result);
        });
    }

    private static OpResult lock(Compound c, LockState lock, LockRange range, boolean exclusive) {
        return switch (c.state().lock(lock, range, exclusive, c.minorVersion())) {
            case StateManager.Locked locked -> {
                c.currentStateid(locked.stateid());
                yield OpResult.ok(locked.stateid()::encode);
            }
            case StateManager.Conflict conflict -> OpResult.withBody(Nfs4Status.DENIED,
                    out -> LockRanges.denied(out, conflict.held()));
        };
    }

    /** RFC 7530 16.10.5: a read lock needs an open for reading, a write lock one for writing (OPENMODE). */
    private static void requireMode(OpenState open, boolean exclusive) {
        int needed = exclusive ? Open.ACCESS_WRITE : Open.ACCESS_READ;
        if ((open.access() & needed) == 0) {
            throw new Nfs4Exception(Nfs4Status.OPENMODE, "the open does not allow this lock type");
        }
    }
}

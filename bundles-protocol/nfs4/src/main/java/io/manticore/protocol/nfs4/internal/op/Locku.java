package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.api.lease.LockRange;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.state.LockState;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** LOCKU (RFC 7530 16.12): releases a range of the lock-owner's locks; unlocking what is not locked is no error. */
final class Locku implements Operation<Locku.Args> {

    record Args(int type, int seqid, Stateid stateid, long offset, long length) {
    }

    @Override
    public int opcode() {
        return Opcodes.LOCKU;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(LockRanges.type(in.readEnum()), in.readInt(), Stateid.decode(in), in.readUnsignedHyper(),
                in.readUnsignedHyper());
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        LockRange range = LockRanges.of(args.offset(), args.length());
        Stateid given = c.stateid(args.stateid());
        if (!(c.state().owning(given) instanceof LockState found)) {
            throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "not a lock stateid");
        }
        c.touch(found.owner().client());
        return SeqidGate.run(c, this, found.owner(), args.seqid(), () -> {
            LockState lock = c.state().lockState(given, file.fh(), c.minorVersion());
            Stateid unlocked = c.state().unlock(lock, range, c.minorVersion());
            c.currentStateid(unlocked);
            return Ops.done(OpResult.ok(unlocked::encode));
        });
    }
}

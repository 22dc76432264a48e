package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.state.OpenOwner;
import io.manticore.protocol.nfs4.internal.state.OpenState;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** OPEN_DOWNGRADE (RFC 7530 16.19): narrows an open's share access and deny to bits it holds. */
final class OpenDowngrade implements Operation<OpenDowngrade.Args> {

    record Args(Stateid stateid, int seqid, int access, int deny) {
    }

    @Override
    public int opcode() {
        return Opcodes.OPEN_DOWNGRADE;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(Stateid.decode(in), in.readInt(), in.readInt(), in.readInt());
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        Stateid given = c.stateid(args.stateid());
        OpenOwner owner = c.state().owning(given).open().owner();
        c.touch(owner.client());
        int access = args.access() & ~(c.minorVersion() > 0 ? Open.WANT_BITS : 0);
        return SeqidGate.run(c, this, owner, args.seqid(), () -> {
            OpenState state = c.state().openState(given, file.fh(), c.minorVersion());
            Stateid narrowed = c.state().downgrade(state, access, args.deny(), c.minorVersion());
            c.currentStateid(narrowed);
            return Ops.done(OpResult.ok(narrowed::encode));
        });
    }
}

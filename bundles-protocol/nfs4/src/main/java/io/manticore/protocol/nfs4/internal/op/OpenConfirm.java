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

/** OPEN_CONFIRM (RFC 7530 16.18): confirms a new NFSv4.0 open-owner; the open's stateid seqid advances. */
final class OpenConfirm implements Operation<OpenConfirm.Args> {

    record Args(Stateid stateid, int seqid) {
    }

    @Override
    public int opcode() {
        return Opcodes.OPEN_CONFIRM;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(Stateid.decode(in), in.readInt());
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        OpenOwner owner = c.state().owning(args.stateid()).open().owner();
        c.touch(owner.client());
        return SeqidGate.run(c, this, owner, args.seqid(), () -> {
            OpenState state = c.state().unconfirmedOpenState(args.stateid(), file.fh());
            Stateid confirmed = c.state().confirmOpen(state);
            return Ops.done(OpResult.ok(confirmed::encode));
        });
    }
}

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

/**
 * CLOSE (RFC 7530 16.2, RFC 8881 18.2): drops the open and its share reservation. NFSv4.0 gets
 * the stateid with its seqid advanced; NFSv4.1 the invalid special stateid, as RFC 8881 18.2.4 advises.
 */
final class Close implements Operation<Close.Args> {

    record Args(int seqid, Stateid stateid) {
    }

    @Override
    public int opcode() {
        return Opcodes.CLOSE;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(in.readInt(), Stateid.decode(in));
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        Stateid given = c.stateid(args.stateid());
        OpenOwner owner = c.state().owning(given).open().owner();
        c.touch(owner.client());
        return SeqidGate.run(c, this, owner, args.seqid(), () -> {
            OpenState state = c.state().openState(given, file.fh(), c.minorVersion());
            Stateid closed = c.state().close(state);
            Stateid answer = c.minorVersion() == 0 ? closed : Stateid.INVALID;
            c.currentStateid(answer);
            return Ops.done(OpResult.ok(answer::encode));
        });
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** COMMIT (RFC 7530 16.3): makes UNSTABLE4 writes stable; the verifier is the server instance's. */
final class Commit implements Operation<Commit.Args> {

    record Args(long offset, long count) {
    }

    @Override
    public int opcode() {
        return Opcodes.COMMIT;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(in.readUnsignedHyper(), in.readUnsignedInt());
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        return c.vfs().commit(c.cred(file), file.fh(), args.offset(), args.count())
                .thenApply(committed -> OpResult.ok(out -> Nfs4Xdr.writeVerifier(out, committed.verifier())));
    }
}

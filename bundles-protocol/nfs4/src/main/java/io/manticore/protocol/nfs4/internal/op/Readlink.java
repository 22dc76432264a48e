package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** READLINK (RFC 7530 16.25): INVAL for anything but a symlink, the pseudo directories included. */
final class Readlink implements Operation<Void> {

    @Override
    public int opcode() {
        return Opcodes.READLINK;
    }

    @Override
    public Void decode(XdrDecoder in) {
        return null;
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Void args) {
        ExportFh file = c.exportFh(Nfs4Status.INVAL);
        return c.vfs().readlink(c.cred(file), file.fh()).thenApply(target -> OpResult.ok(out -> out.writeString(target)));
    }
}

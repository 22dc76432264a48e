package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** LOOKUPP (RFC 7530 16.14): the parent becomes the current filehandle; above an export's root is the pseudo file system. */
final class Lookupp implements Operation<Void> {

    @Override
    public int opcode() {
        return Opcodes.LOOKUPP;
    }

    @Override
    public Void decode(XdrDecoder in) {
        return null;
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Void args) {
        return Namespace.parent(c, c.fh()).thenApply(parent -> {
            c.fh(parent);
            return OpResult.OK;
        });
    }
}

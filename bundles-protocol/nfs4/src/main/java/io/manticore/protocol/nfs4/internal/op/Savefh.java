package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** SAVEFH (RFC 7530 16.27): the current filehandle (and, in 4.1, the current stateid) is saved. */
final class Savefh implements Operation<Void> {

    @Override
    public int opcode() {
        return Opcodes.SAVEFH;
    }

    @Override
    public Void decode(XdrDecoder in) {
        return null;
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Void args) {
        c.saveFh();
        return Ops.OK;
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** GETFH (RFC 7530 16.8). */
final class Getfh implements Operation<Void> {

    @Override
    public int opcode() {
        return Opcodes.GETFH;
    }

    @Override
    public Void decode(XdrDecoder in) {
        return null;
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Void args) {
        byte[] handle = c.server().wire(c.fh());
        return Ops.done(OpResult.ok(out -> out.writeOpaque(handle)));
    }
}

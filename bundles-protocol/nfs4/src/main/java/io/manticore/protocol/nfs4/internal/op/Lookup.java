package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** LOOKUP (RFC 7530 16.13): the named object becomes the current filehandle. */
final class Lookup implements Operation<byte[]> {

    @Override
    public int opcode() {
        return Opcodes.LOOKUP;
    }

    @Override
    public byte[] decode(XdrDecoder in) {
        return Nfs4Xdr.readComponent(in);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, byte[] component) {
        String name = Nfs4Xdr.name(component);
        return Namespace.child(c, c.fh(), name).thenApply(found -> {
            c.fh(found);
            return OpResult.OK;
        });
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.AuthFlavor;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * SECINFO (RFC 7530 16.31): every object may be reached with AUTH_SYS or AUTH_NONE (which the
 * export maps to its anonymous identity). The name must exist; the current filehandle is consumed.
 */
final class Secinfo implements Operation<byte[]> {

    /** secinfo4 of the flavours served, AUTH_SYS first: a client takes the first it can use. */
    static final OpResult FLAVORS = OpResult.ok(out -> out.writeInt(2).writeInt(AuthFlavor.AUTH_SYS)
            .writeInt(AuthFlavor.AUTH_NONE));

    @Override
    public int opcode() {
        return Opcodes.SECINFO;
    }

    @Override
    public byte[] decode(XdrDecoder in) {
        return Nfs4Xdr.readComponent(in);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, byte[] component) {
        String name = Nfs4Xdr.name(component);
        return Namespace.child(c, c.fh(), name).thenApply(found -> {
            c.clearFh();
            return FLAVORS;
        });
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** DESTROY_CLIENTID (RFC 8881 18.50): the client record and its state go; CLIENTID_BUSY while it has sessions. */
final class DestroyClientId implements Operation<Long> {

    @Override
    public int opcode() {
        return Opcodes.DESTROY_CLIENTID;
    }

    @Override
    public Long decode(XdrDecoder in) {
        return in.readHyper();
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Long clientId) {
        c.state().destroyClientId(clientId);
        return Ops.OK;
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** RENEW (RFC 7530 16.29): the client's lease starts again; STALE_CLIENTID or EXPIRED when it is gone. */
final class Renew implements Operation<Long> {

    @Override
    public int opcode() {
        return Opcodes.RENEW;
    }

    @Override
    public Long decode(XdrDecoder in) {
        return in.readHyper();
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Long clientId) {
        c.touch(c.state().renew(clientId));
        return Ops.OK;
    }
}

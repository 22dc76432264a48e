package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * FREE_STATEID (RFC 8881 18.38): every stateid given out now is an open's, which CLOSE frees,
 * so a live one answers LOCKS_HELD and any other the status TEST_STATEID would give it.
 */
final class FreeStateid implements Operation<Stateid> {

    @Override
    public int opcode() {
        return Opcodes.FREE_STATEID;
    }

    @Override
    public Stateid decode(XdrDecoder in) {
        return Stateid.decode(in);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Stateid stateid) {
        c.state().free(c.stateid(stateid), c.sessionClient());
        return Ops.OK;
    }
}

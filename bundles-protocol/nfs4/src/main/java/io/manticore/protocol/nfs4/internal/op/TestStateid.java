package io.manticore.protocol.nfs4.internal.op;

import java.util.List;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.state.NfsClient;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** TEST_STATEID (RFC 8881 18.48): the status each stateid would earn for the session's client. */
final class TestStateid implements Operation<List<Stateid>> {

    /** More stateids than a client holds opens would make no sense to test at once. */
    private static final int MAX_STATEIDS = 1024;

    @Override
    public int opcode() {
        return Opcodes.TEST_STATEID;
    }

    @Override
    public List<Stateid> decode(XdrDecoder in) {
        return in.readArray(MAX_STATEIDS, Stateid::decode);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, List<Stateid> stateids) {
        NfsClient client = c.sessionClient();
        int[] statuses = stateids.stream().mapToInt(s -> c.state().test(s, client)).toArray();
        return Ops.done(OpResult.ok(out -> out.writeIntArray(statuses)));
    }
}

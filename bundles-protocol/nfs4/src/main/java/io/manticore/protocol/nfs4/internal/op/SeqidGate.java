package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.CompoundRunner;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.state.SeqidOwner;
import io.manticore.protocol.nfs4.internal.state.StateManager;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;

/**
 * Runs an NFSv4.0 seqid-bearing operation of an open- or lock-owner (RFC 7530 9.1.7): the next seqid runs
 * it and keeps its reply, the last one gets that reply again (with the filehandle it set), any
 * other fails BAD_SEQID. NFSv4.1 has no owner seqids (RFC 8881 8.13): the operation just runs.
 */
final class SeqidGate {

    private SeqidGate() {
    }

    static <A> CompletionStage<OpResult> run(Compound c, Operation<A> op, SeqidOwner owner, int seqid,
                                             Supplier<CompletionStage<OpResult>> body) {
        if (c.minorVersion() > 0) {
            return body.get();
        }
        StateManager state = c.state();
        StateManager.Replay replay = state.beginSeqid(owner, seqid);
        if (replay != null) {
            if (replay.fh() != null) {
                c.fh(replay.fh());
            }
            return Ops.done(replay.result());
        }
        CompletionStage<OpResult> ran;
        try {
            ran = body.get();
        } catch (RuntimeException e) {
            ran = CompletableFuture.failedFuture(e);
        }
        return ran.handle((result, failure) -> {
            OpResult answer = failure == null ? result : op.failure(CompoundRunner.statusOf(failure, op.opcode()));
            state.endSeqid(owner, seqid, answer, c.fhOrNull());
            return answer;
        });
    }
}

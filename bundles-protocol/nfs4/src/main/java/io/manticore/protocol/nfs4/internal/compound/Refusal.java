package io.manticore.protocol.nfs4.internal.compound;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * An operation answered with a status without running: an opcode the minor version lacks
 * (OP_ILLEGAL), one not served (NOTSUPP), arguments that did not decode (BADXDR). A COMPOUND
 * stops at it, so its arguments, if any, are never decoded.
 */
record Refusal(int opcode, int status) implements Operation<Void> {

    @Override
    public Void decode(XdrDecoder in) {
        return null;
    }

    @Override
    public CompletionStage<OpResult> execute(Compound compound, Void args) {
        return CompletableFuture.completedFuture(OpResult.of(status));
    }
}

package io.manticore.protocol.nfs4.internal.compound;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.xdr.OpResult;

/** One operation of a COMPOUND with its decoded arguments. */
public record DecodedOp<A>(Operation<A> operation, A args) {

    public int opcode() {
        return operation.opcode();
    }

    CompletionStage<OpResult> execute(Compound compound) {
        return operation.execute(compound, args);
    }

    OpResult failure(int status) {
        return operation.failure(status);
    }

    void release() {
        operation.release(args);
    }
}

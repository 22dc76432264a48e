package io.manticore.protocol.portmap.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/** The binder answers every call at once: these wrap its results in completed stages. */
final class Answers {

    private Answers() {
    }

    static CompletionStage<RpcResult> results(Consumer<XdrEncoder> results) {
        return CompletableFuture.completedFuture(RpcResult.success(results));
    }

    static CompletionStage<RpcResult> none() {
        return results(out -> { });
    }

    static CompletionStage<RpcResult> bool(boolean value) {
        return results(out -> out.writeBool(value));
    }
}

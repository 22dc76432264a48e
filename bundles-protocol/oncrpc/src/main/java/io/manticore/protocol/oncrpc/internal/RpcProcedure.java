package io.manticore.protocol.oncrpc.internal;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** One procedure of one program version: the row of a dispatch table. */
@FunctionalInterface
public interface RpcProcedure {

    /**
     * Runs the call on the connection's event loop; it must not block. {@code args} reads the
     * call's arguments and is valid only until this method returns (the dispatcher then releases
     * the call): decode them here. An {@link io.manticore.protocol.oncrpc.internal.xdr.XdrException}
     * thrown here or completing the stage is answered with GARBAGE_ARGS, any other failure with
     * SYSTEM_ERR.
     */
    CompletionStage<RpcResult> call(RpcCall call, XdrDecoder args);
}

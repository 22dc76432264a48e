package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

import io.netty.buffer.ByteBuf;

/** A response body produced piece by piece (GetObject), pulled by the connection as the socket drains. */
public interface ResponseBody {

    /** The next piece, owned by the caller, or null after the last. */
    CompletionStage<ByteBuf> next();

    /** Called once, when the body is finished or abandoned (the connection closed). */
    void close();
}

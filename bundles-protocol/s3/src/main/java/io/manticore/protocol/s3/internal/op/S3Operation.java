package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

/**
 * One S3 API operation. It runs on the connection's event loop and must not block; it
 * completes with the response or exceptionally with an {@link io.manticore.protocol.s3.internal.error.S3Exception}
 * (or a {@link io.manticore.api.vfs.VfsException}, which the error table maps).
 */
@FunctionalInterface
public interface S3Operation {
    CompletionStage<S3Response> execute(S3Call call);
}

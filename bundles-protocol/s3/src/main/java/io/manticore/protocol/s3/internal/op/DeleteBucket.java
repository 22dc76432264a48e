package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

import io.netty.handler.codec.http.HttpResponseStatus;

/** DELETE /bucket : removes an empty bucket made under the bucket root. */
final class DeleteBucket implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        return call.context().buckets().delete(call.request().bucket(), call.cred())
                .thenApply(done -> S3Response.empty(HttpResponseStatus.NO_CONTENT));
    }
}

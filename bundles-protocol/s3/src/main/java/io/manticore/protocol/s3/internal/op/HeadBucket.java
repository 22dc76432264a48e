package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

import io.netty.handler.codec.http.HttpResponseStatus;

/** HEAD /bucket : 200 when the bucket exists and the caller may use it. */
final class HeadBucket implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        return call.bucket().thenApply(b -> S3Response.empty(HttpResponseStatus.OK)
                .header("x-amz-bucket-region", call.context().settings().region()));
    }
}

package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.meta.ObjectKey;
import io.netty.handler.codec.http.HttpResponseStatus;

/** DELETE of an object: 204 whether or not the key was there. */
final class DeleteObject implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        ObjectKey key = ObjectKey.parse(call.request().key());
        return call.bucket().thenCompose(bucket -> ObjectRemoval.remove(call.context(), call.cred(), bucket, key))
                .thenApply(done -> S3Response.empty(HttpResponseStatus.NO_CONTENT));
    }
}

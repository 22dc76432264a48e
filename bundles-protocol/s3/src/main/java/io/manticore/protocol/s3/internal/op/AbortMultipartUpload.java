package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.meta.ObjectKey;
import io.manticore.protocol.s3.internal.multipart.Upload;
import io.netty.handler.codec.http.HttpResponseStatus;

/** DELETE /bucket/key?uploadId=X : the upload and the files of its parts go. */
final class AbortMultipartUpload implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        ObjectKey key = ObjectKey.parse(call.request().key());
        return call.bucket().thenApply(bucket -> {
            Upload upload = call.context().uploads().get(call.request().query().get("uploadId"), bucket.name(), key.key(), call.user());
            if (!upload.finish()) {
                throw new S3Exception(S3Error.NO_SUCH_UPLOAD, "the upload is being completed or aborted by another request");
            }
            call.context().uploads().remove(upload);
            return S3Response.empty(HttpResponseStatus.NO_CONTENT);
        });
    }
}

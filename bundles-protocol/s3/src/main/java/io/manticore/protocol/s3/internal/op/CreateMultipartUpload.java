package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.meta.ObjectKey;
import io.manticore.protocol.s3.internal.meta.RequestMeta;
import io.manticore.protocol.s3.internal.multipart.Upload;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/** POST /bucket/key?uploads : starts an upload with the object's metadata. */
final class CreateMultipartUpload implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        ObjectKey key = ObjectKey.parse(call.request().key());
        if (key.folder()) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT,
                    "a key ending in '/' is a folder, which has no content to upload in parts");
        }
        return call.bucket().thenApply(bucket -> {
            Upload upload = call.context().uploads().start(bucket.name(), key.key(), call.user(), call.cred(),
                    RequestMeta.of(call.request().headers()), call.context().clock().millis() * 1_000_000L);
            XmlWriter xml = new XmlWriter().root("InitiateMultipartUploadResult").element("Bucket", bucket.name())
                    .element("Key", key.key()).element("UploadId", upload.id());
            return S3Response.xml(HttpResponseStatus.OK, xml.toByteBuf(call.alloc()));
        });
    }
}

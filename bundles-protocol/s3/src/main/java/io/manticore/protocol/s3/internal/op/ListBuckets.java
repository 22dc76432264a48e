package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.bucket.BucketInfo;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.xml.S3Dates;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/** GET / : the buckets the caller can open; anonymous callers may not list them (as S3 answers). */
final class ListBuckets implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        if (call.anonymous()) {
            return CompletableFuture.failedFuture(new S3Exception(S3Error.ACCESS_DENIED, "listing the buckets needs a signed request"));
        }
        return call.context().buckets().list(call.cred()).thenApply(buckets -> {
            XmlWriter xml = new XmlWriter().root("ListAllMyBucketsResult");
            String owner = Integer.toString(call.cred().uid());
            xml.start("Owner").element("ID", owner).element("DisplayName", call.user()).end();
            xml.start("Buckets");
            for (BucketInfo b : buckets) {
                xml.start("Bucket").element("Name", b.name()).element("CreationDate", S3Dates.iso(b.creationNanos())).end();
            }
            xml.end();
            return S3Response.xml(HttpResponseStatus.OK, xml.toByteBuf(call.alloc()));
        });
    }
}

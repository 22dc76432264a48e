package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.bucket.BucketInfo;
import io.manticore.protocol.s3.internal.xml.S3Dates;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/** GET / : the buckets the caller can open. */
final class ListBuckets implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
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

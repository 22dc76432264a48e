package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/** GET /bucket?location : the configured region (empty for us-east-1, as S3 answers). */
final class GetBucketLocation implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        return call.bucket().thenApply(b -> {
            String region = call.context().settings().region();
            XmlWriter xml = new XmlWriter().root("LocationConstraint").text(region.equals("us-east-1") ? "" : region);
            return S3Response.xml(HttpResponseStatus.OK, xml.toByteBuf(call.alloc()))
                    .header("x-amz-bucket-region", region);
        });
    }
}

package io.manticore.protocol.s3.internal.op;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.xml.XmlReader;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/** PUT /bucket : a new bucket under the bucket root; its LocationConstraint, if given, must be this region. */
final class CreateBucket implements S3Operation {

    private static final int MAX_BODY = 16 * 1024;

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        return call.body().readAll(MAX_BODY).thenCompose(body -> {
            try {
                if (body.isReadable()) {
                    String location = XmlReader.parse(body.toString(StandardCharsets.UTF_8)).text("LocationConstraint");
                    String region = call.context().settings().region();
                    if (location != null && !location.isEmpty() && !location.equals(region)) {
                        throw new S3Exception(S3Error.INVALID_ARGUMENT, "this server's region is " + region);
                    }
                }
            } finally {
                body.release();
            }
            return call.context().buckets().create(call.request().bucket(), call.cred());
        }).thenApply(b -> S3Response.empty(HttpResponseStatus.OK).header(HttpHeaderNames.LOCATION, "/" + b.name()));
    }
}

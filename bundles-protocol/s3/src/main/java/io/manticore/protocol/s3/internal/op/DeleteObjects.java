package io.manticore.protocol.s3.internal.op;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.bucket.Bucket;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.meta.ObjectKey;
import io.manticore.protocol.s3.internal.xml.XmlReader;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;

/** POST /bucket?delete : up to 1000 keys, each deleted in turn; the result names each key deleted or failed. */
final class DeleteObjects implements S3Operation {

    static final int MAX_KEYS = 1000;
    /** 1000 keys of 1024 bytes with their XML, and room to spare. */
    static final int MAX_BODY = 2 * 1024 * 1024;

    private record Outcome(String key, S3Exception error) {
    }

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        return call.body().readAll(MAX_BODY).thenCompose(body -> {
            XmlReader request;
            try {
                request = XmlReader.parse(body.toString(StandardCharsets.UTF_8));
            } finally {
                body.release();
            }
            List<String> keys = new ArrayList<>();
            for (XmlReader object : request.children("Object")) {
                String key = object.text("Key");
                if (key == null) {
                    throw new S3Exception(S3Error.MALFORMED_XML, "an Object has no Key");
                }
                keys.add(key);
            }
            if (keys.isEmpty() || keys.size() > MAX_KEYS) {
                throw new S3Exception(S3Error.MALFORMED_XML, "a delete names 1 to " + MAX_KEYS + " keys");
            }
            boolean quiet = "true".equalsIgnoreCase(request.text("Quiet"));
            return call.bucket().thenCompose(bucket -> deleteEach(call, bucket, keys, 0, new ArrayList<>()))
                    .thenApply(outcomes -> S3Response.xml(HttpResponseStatus.OK, result(call, outcomes, quiet)));
        });
    }

    private static CompletionStage<List<Outcome>> deleteEach(S3Call call, Bucket bucket, List<String> keys, int i, List<Outcome> done) {
        if (i == keys.size()) {
            return CompletableFuture.completedFuture(done);
        }
        String key = keys.get(i);
        CompletionStage<Void> deleted;
        try {
            deleted = ObjectRemoval.remove(call.context(), call.cred(), bucket, ObjectKey.parse(key));
        } catch (S3Exception e) {
            deleted = CompletableFuture.failedFuture(e);
        }
        return deleted.handle((ok, failure) -> {
            done.add(new Outcome(key, failure == null ? null : S3Exception.from(failure)));
            return done;
        }).thenCompose(d -> deleteEach(call, bucket, keys, i + 1, d));
    }

    private static ByteBuf result(S3Call call, List<Outcome> outcomes, boolean quiet) {
        XmlWriter xml = new XmlWriter().root("DeleteResult");
        for (Outcome o : outcomes) {
            if (o.error() == null) {
                if (!quiet) {
                    xml.start("Deleted").element("Key", o.key()).end();
                }
            } else {
                xml.start("Error").element("Key", o.key()).element("Code", o.error().error().code())
                        .element("Message", o.error().getMessage()).end();
            }
        }
        return xml.toByteBuf(call.alloc());
    }
}

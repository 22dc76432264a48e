package io.manticore.protocol.s3.internal.op;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Lookup;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.meta.ObjectKey;
import io.manticore.protocol.s3.internal.meta.ObjectMeta;
import io.manticore.protocol.s3.internal.meta.ObjectStore;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

/** GET and HEAD of an object: conditions, one byte range, response-* overrides, the body streamed from the file. */
final class GetObject implements S3Operation {

    /** Query parameters that override a response header (S3 GetObject, "Overriding response header values"). */
    private static final Map<String, String> OVERRIDES = Map.of("response-content-type", "content-type",
            "response-content-language", "content-language", "response-expires", "expires",
            "response-cache-control", "cache-control", "response-content-disposition", "content-disposition",
            "response-content-encoding", "content-encoding");

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        ObjectKey key = ObjectKey.parse(call.request().key());
        ObjectStore objects = call.context().objects();
        return call.bucket().thenCompose(bucket -> objects.find(call.cred(), bucket, key))
                .thenCompose(found -> objects.meta(call.cred(), found.fh())
                        .thenCompose(meta -> objects.etag(call.cred(), found.fh(), found.attrs(), meta)
                                .thenApply(etag -> respond(call, found, meta, etag))));
    }

    private static S3Response respond(S3Call call, Lookup found, ObjectMeta meta, String etag) {
        Attrs attrs = found.attrs();
        long size = attrs.isDirectory() ? 0 : attrs.size();
        HttpHeaders request = call.request().headers();
        Preconditions.check(request, "", attrs, etag, true);
        HttpHeaders headers = ObjectHeaders.of(attrs, meta, etag, "ENABLED".equalsIgnoreCase(request.get("x-amz-checksum-mode")));
        for (Map.Entry<String, String> o : OVERRIDES.entrySet()) {
            String value = call.request().query().get(o.getKey());
            if (value != null) {
                if (call.anonymous()) {
                    throw new S3Exception(S3Error.INVALID_REQUEST, "response header overrides need a signed request");
                }
                headers.set(o.getValue(), value);
            }
        }
        ByteRange range = ByteRange.parse(request.get(HttpHeaderNames.RANGE), size);
        HttpResponseStatus status = HttpResponseStatus.OK;
        long first = 0;
        long length = size;
        if (range != null) {
            status = HttpResponseStatus.PARTIAL_CONTENT;
            first = range.first();
            length = range.length();
            headers.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
        if (call.request().isHead() || length == 0) {
            return new S3Response(status, headers, null, null, length);
        }
        return S3Response.streamed(status, headers, new FileBody(call.context().vfs(), call.cred(), found.fh(), first, length), length);
    }
}

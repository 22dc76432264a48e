package io.manticore.protocol.s3.internal.op;

import java.util.Map;

import io.manticore.api.vfs.Attrs;
import io.manticore.protocol.s3.internal.meta.ObjectMeta;
import io.manticore.protocol.s3.internal.meta.RequestMeta;
import io.manticore.protocol.s3.internal.xml.S3Dates;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** The headers GET and HEAD return for an object: content headers, ETag, Last-Modified, user metadata, checksums. */
final class ObjectHeaders {

    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    private ObjectHeaders() {
    }

    static HttpHeaders of(Attrs attrs, ObjectMeta meta, String etag, boolean withChecksums) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, DEFAULT_CONTENT_TYPE);
        meta.headers().forEach(headers::set);
        headers.set(HttpHeaderNames.ETAG, quote(etag));
        headers.set(HttpHeaderNames.LAST_MODIFIED, S3Dates.http(attrs.mtime()));
        headers.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        for (Map.Entry<String, String> m : meta.user().entrySet()) {
            headers.set(RequestMeta.USER_PREFIX + m.getKey(), m.getValue());
        }
        if (withChecksums && meta.currentFor(attrs)) {
            meta.checksums().forEach((algorithm, value) -> headers.set("x-amz-checksum-" + algorithm, value));
        }
        return headers;
    }

    static String quote(String etag) {
        return "\"" + etag + "\"";
    }
}

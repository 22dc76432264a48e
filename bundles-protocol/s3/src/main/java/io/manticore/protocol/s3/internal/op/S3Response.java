package io.manticore.protocol.s3.internal.op;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An operation's answer: status and headers, and either a whole body ({@code content}, owned
 * by the response until written) or a streamed one of {@code length} bytes.
 */
public record S3Response(HttpResponseStatus status, HttpHeaders headers, ByteBuf content, ResponseBody stream,
                         long length) {

    /** A response without a body. */
    public static S3Response empty(HttpResponseStatus status) {
        return new S3Response(status, new DefaultHttpHeaders(), null, null, 0);
    }

    /** An XML document; takes ownership of {@code xml}. */
    public static S3Response xml(HttpResponseStatus status, ByteBuf xml) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, "application/xml");
        return new S3Response(status, headers, xml, null, xml.readableBytes());
    }

    /** A body streamed from {@code body}, {@code length} bytes in all. */
    public static S3Response streamed(HttpResponseStatus status, HttpHeaders headers, ResponseBody body, long length) {
        return new S3Response(status, headers, null, body, length);
    }

    public S3Response header(CharSequence name, Object value) {
        headers.set(name, value);
        return this;
    }

    /** Frees what the response holds when it will not be written. */
    public void discard() {
        if (content != null) {
            content.release();
        }
        if (stream != null) {
            stream.close();
        }
    }
}

package io.manticore.protocol.s3.internal.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.protocol.s3.internal.body.HttpRequestBody;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.op.ResponseBody;
import io.manticore.protocol.s3.internal.op.S3Response;
import io.manticore.protocol.s3.internal.xml.S3Dates;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * One request and its response on a connection: takes the request's content as it arrives,
 * and writes the response, pulling a streamed body only as fast as the socket drains.
 */
final class Exchange {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final S3Connection connection;
    private final ChannelHandlerContext ctx;
    private final String requestId;
    private final HttpRequest request;
    private final S3Request s3;
    private final boolean keepAlive;
    private HttpRequestBody body;
    private boolean requestEnded;
    private boolean responded;
    private ResponseBody stream;
    private boolean waitingWritable;
    private boolean streamClose;
    private boolean aborted;

    Exchange(S3Connection connection, ChannelHandlerContext ctx, String requestId, HttpRequest request, S3Request s3,
             boolean keepAlive) {
        this.connection = connection;
        this.ctx = ctx;
        this.requestId = requestId;
        this.request = request;
        this.s3 = s3;
        this.keepAlive = keepAlive;
    }

    void body(HttpRequestBody requestBody) {
        this.body = requestBody;
    }

    boolean bodyReceived() {
        return requestEnded;
    }

    /** Takes ownership of {@code content}. */
    void offer(HttpContent content) {
        connection.bodyArrived();
        if (content instanceof LastHttpContent) {
            requestEnded = true;
        }
        if (body != null) {
            body.offer(content);
        } else {
            content.release();
        }
    }

    void abort(RuntimeException cause) {
        aborted = true;
        if (body != null) {
            body.abort(cause);
        }
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    /** The operation finished (on the event loop). */
    void complete(S3Response response, Throwable failure) {
        if (failure != null) {
            fail(S3Exception.from(failure), false);
        } else if (aborted || responded) {
            response.discard();
        } else {
            write(response, false);
        }
    }

    /** Answers with {@code error}; {@code close} when the connection cannot be trusted for another request. */
    void fail(S3Exception error, boolean close) {
        if (aborted || responded) {
            return;
        }
        if (error.error() == S3Error.INTERNAL_ERROR) {
            LOG.warn("S3 {} {} failed: {}", request.method(), request.uri(), error.getMessage());
        } else {
            LOG.debug("S3 {} {}: {} {}", request.method(), request.uri(), error.error().code(), error.getMessage());
        }
        if (body != null) {
            body.abort(error);
        }
        S3Response response = error.error() == S3Error.NOT_MODIFIED
                ? S3Response.empty(HttpResponseStatus.NOT_MODIFIED)
                : ErrorDocument.of(error, requestId, s3, s3 != null ? s3.rawPath() : null, ctx.alloc());
        write(response, close);
    }

    void writable() {
        if (waitingWritable) {
            waitingWritable = false;
            pump();
        }
    }

    private void write(S3Response response, boolean forceClose) {
        responded = true;
        if (body != null) {
            // A payload the operation did not read (a GET with a body) is freed with the answer.
            body.abort(new S3Exception(S3Error.INVALID_REQUEST, "the request was answered"));
        }
        boolean close = forceClose || !keepAlive || !requestEnded;
        HttpHeaders headers = response.headers();
        headers.set("x-amz-request-id", requestId);
        headers.set("x-amz-id-2", S3Connection.hostId());
        headers.set(HttpHeaderNames.DATE, S3Dates.httpNow(System.currentTimeMillis()));
        headers.set(HttpHeaderNames.SERVER, "Manticore");
        int code = response.status().code();
        if (code != 204 && code != 304 && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, response.length());
        }
        if (close) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status(), headers));
        boolean noBody = HttpMethod.HEAD.equals(request.method()) || code == 204 || code == 304;
        if (noBody || (response.content() == null && response.stream() == null)) {
            response.discard();
            finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), close);
        } else if (response.content() != null) {
            finish(ctx.writeAndFlush(new DefaultLastHttpContent(response.content())), close);
        } else {
            stream = response.stream();
            streamClose = close;
            pump();
        }
    }

    private void pump() {
        if (stream == null) {
            return;
        }
        if (!ctx.channel().isWritable()) {
            waitingWritable = true;
            return;
        }
        ResponseBody source = stream;
        source.next().whenCompleteAsync((piece, failure) -> {
            if (stream != source) {
                if (piece != null) {
                    piece.release();
                }
                return;
            }
            if (failure != null) {
                // The status line is out: the only way left to say "failed" is to cut the connection.
                LOG.warn("S3 {} {}: the body failed after its headers were sent: {}", request.method(), request.uri(),
                        S3Exception.from(failure).getMessage());
                stream = null;
                source.close();
                ctx.close();
                return;
            }
            if (piece == null) {
                stream = null;
                source.close();
                finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), streamClose);
                return;
            }
            ctx.writeAndFlush(new DefaultHttpContent(piece));
            pump();
        }, ctx.executor());
    }

    private void finish(ChannelFuture written, boolean close) {
        written.addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
            }
            connection.finished(this, close || !f.isSuccess());
        });
    }
}

package io.manticore.protocol.s3.internal.http;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.cred.Cred;
import io.manticore.api.config.S3KeyConfig;
import io.manticore.protocol.s3.internal.S3Context;
import io.manticore.protocol.s3.internal.auth.Authentication;
import io.manticore.protocol.s3.internal.auth.SignedRequest;
import io.manticore.protocol.s3.internal.body.HttpRequestBody;
import io.manticore.protocol.s3.internal.client.ConnectionStats;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.op.Route;
import io.manticore.protocol.s3.internal.op.Router;
import io.manticore.protocol.s3.internal.op.S3Call;
import io.manticore.protocol.s3.internal.op.S3Response;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * One HTTP/1.1 connection of the S3 service. Requests are served one at a time in arrival
 * order, so pipelined replies keep their order; the socket is read only to get the next
 * request or the payload an operation asks for, which bounds what a client can make the
 * server hold. Idle connections and requests whose headers or body stall are closed.
 */
public final class S3Connection extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(S3Connection.class);
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final String HOST_ID = Long.toHexString(new java.security.SecureRandom().nextLong());

    private final S3Context context;
    private final Router router;
    private final ConnectionStats stats;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Exchange current;
    private ScheduledFuture<?> timer;
    private boolean headerTimer;
    private boolean closed;
    private boolean draining;

    public S3Connection(S3Context context, Router router, ConnectionStats stats) {
        this.context = context;
        this.router = router;
        this.stats = stats;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        stats.opened();
        awaitRequest();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        cancelTimer();
        stats.closed();
        if (current != null) {
            current.abort(new S3Exception(S3Error.REQUEST_TIMEOUT, "the connection closed"));
        }
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        pending.add(msg);
        handOn();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        if (current == null && pending.isEmpty() && !closed) {
            // Part of a request's head came: read on until the decoder has all of it.
            ctx.read();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && current != null) {
            current.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("S3 connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** The socket sent the first bytes of a request: its headers must be complete within the header timeout. */
    void requestBytesArrived() {
        if (current == null && pending.isEmpty() && !headerTimer) {
            schedule(context.settings().headerTimeoutSeconds(), "request headers were not complete in time");
            headerTimer = true;
        }
    }

    /** Asks for one more read of the socket, for the payload an operation waits on; a stalled body times out. */
    void readMore() {
        if (!closed) {
            schedule(context.settings().idleTimeoutSeconds(), "the request body stalled");
            ctx.read();
        }
    }

    private void dispatch(Object msg) {
        cancelTimer();
        if (!(msg instanceof HttpRequest request)) {
            // Content of a request already answered and closed over: nothing to serve.
            ReferenceCountUtil.release(msg);
            return;
        }
        String requestId = Long.toHexString(System.nanoTime()) + Long.toHexString(REQUESTS.incrementAndGet());
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            S3Error error = cause instanceof TooLongFrameException ? S3Error.REQUEST_HEADER_SECTION_TOO_LARGE : S3Error.INVALID_REQUEST;
            LOG.debug("S3 request from {} refused: {}", ctx.channel().remoteAddress(), cause.toString());
            current = new Exchange(this, ctx, requestId, request, null, false);
            current.fail(new S3Exception(error, error == S3Error.INVALID_REQUEST ? "the request is not valid HTTP/1.1"
                    : "your request's headers exceed the maximum allowed size"), true);
            return;
        }
        S3Request s3 = null;
        try {
            s3 = RequestAddressing.parse(requestId, request, context.settings().domain());
            Route route = router.route(s3);
            Authentication auth = context.verifier().verify(new SignedRequest(request.method().name(), s3.rawPath(),
                    s3.rawQuery(), request.headers()));
            if (auth.isAnonymous() && route.writes()) {
                throw new S3Exception(S3Error.ACCESS_DENIED, "anonymous users may only read");
            }
            S3KeyConfig key = auth.key();
            String user = key == null ? null : key.user();
            Cred cred = context.credOf(user);
            Exchange exchange = new Exchange(this, ctx, requestId, request, s3, HttpUtil.isKeepAlive(request));
            current = exchange;
            HttpRequestBody body = new HttpRequestBody(ctx.executor(), request.headers(), auth, this::readMore,
                    () -> sendContinue(request));
            exchange.body(body);
            stats.request(user);
            S3Call call = new S3Call(s3, user, cred, context, body, ctx.alloc());
            CompletionStage<S3Response> result;
            try {
                result = route.operation().execute(call);
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            // Answer after the event loop has handed over the rest of this read (a GET's end of request).
            result.whenCompleteAsync(exchange::complete, ctx.executor());
        } catch (RuntimeException e) {
            // An S3 error answers the request; anything else is a bug, answered InternalError (and logged so).
            S3Exception error = S3Exception.from(e);
            if (!(e instanceof S3Exception)) {
                LOG.warn("S3 {} {} failed before it ran", request.method(), request.uri(), e);
            }
            if (current == null) {
                current = new Exchange(this, ctx, requestId, request, s3, HttpUtil.isKeepAlive(request));
            }
            Exchange exchange = current;
            ctx.executor().execute(() -> exchange.fail(error, false));
        }
    }

    private void sendContinue(HttpRequest request) {
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    /** The exchange finished writing its response; {@code close} when the connection cannot carry another request. */
    void finished(Exchange exchange, boolean close) {
        if (exchange != current) {
            return;
        }
        current = null;
        if (close || closed || draining) {
            ctx.close();
            return;
        }
        handOn();
        if (current == null && pending.isEmpty()) {
            awaitRequest();
        }
    }

    /**
     * Hands what was read on, in order: a request starts an exchange when none is running; its
     * content goes to it; anything after waits until its response is written.
     */
    private void handOn() {
        while (!pending.isEmpty()) {
            Object msg = pending.peek();
            if (current == null) {
                pending.poll();
                dispatch(msg);
            } else if (msg instanceof HttpContent content && !current.bodyReceived()) {
                pending.poll();
                current.offer(content);
            } else {
                return;
            }
        }
    }

    private void awaitRequest() {
        schedule(context.settings().idleTimeoutSeconds(), null);
        ctx.read();
    }

    private void schedule(int seconds, String reason) {
        cancelTimer();
        headerTimer = false;
        timer = ctx.executor().schedule(() -> timedOut(reason), seconds, TimeUnit.SECONDS);
    }

    private void timedOut(String reason) {
        timer = null;
        if (reason == null) {
            ctx.close();
        } else if (current != null) {
            LOG.debug("S3 connection {}: {}", ctx.channel().remoteAddress(), reason);
            current.abort(new S3Exception(S3Error.REQUEST_TIMEOUT, "your socket connection to the server was not read from or written to within the timeout period"));
            ctx.close();
        } else {
            LOG.debug("S3 connection {}: {}", ctx.channel().remoteAddress(), reason);
            ctx.close();
        }
    }

    private void cancelTimer() {
        headerTimer = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The service is going away: close now when idle, else after the response in flight. */
    void drain() {
        draining = true;
        if (current == null) {
            ctx.close();
        }
    }

    /** Payload came: the stalled-body timer starts again at the next read. */
    void bodyArrived() {
        cancelTimer();
    }

    static String hostId() {
        return HOST_ID;
    }

    boolean isClosed() {
        return closed;
    }
}

package io.manticore.protocol.oncrpc.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each {@link RpcCall} of one connection to its program's procedure and writes the reply
 * when that procedure completes, in whatever order they complete (RFC 5531 9: the xid pairs
 * them). Calls in flight are bounded: at the bound the connection stops reading until one
 * completes; calls already read by then are still served. One instance per connection.
 */
public final class RpcDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);

    private final RpcPrograms programs;
    private final int maxInFlight;
    private int inFlight;

    public RpcDispatcher(RpcPrograms programs, int maxInFlight) {
        if (maxInFlight <= 0) {
            throw new IllegalArgumentException("maxInFlight " + maxInFlight);
        }
        this.programs = programs;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof RpcCall call)) {
            ctx.fireChannelRead(message);
            return;
        }
        CompletionStage<RpcResult> result;
        try {
            result = dispatch(call);
        } finally {
            call.release();
        }
        inFlight++;
        int xid = call.xid();
        result.whenComplete((answer, failure) -> {
            if (ctx.executor().inEventLoop()) {
                reply(ctx, xid, answer, failure);
                return;
            }
            try {
                ctx.executor().execute(() -> reply(ctx, xid, answer, failure));
            } catch (RejectedExecutionException e) {
                if (answer != null) {
                    answer.discard();
                }
            }
        });
        // Checked after the completion is attached, so a call answered at once never stops reading.
        if (inFlight >= maxInFlight && ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private CompletionStage<RpcResult> dispatch(RpcCall call) {
        RpcProgram program = programs.find(call.program());
        if (program == null) {
            return done(RpcResult.failure(AcceptStat.PROG_UNAVAIL));
        }
        if (call.version() < program.lowestVersion() || call.version() > program.highestVersion()) {
            return done(RpcResult.progMismatch(program.lowestVersion(), program.highestVersion()));
        }
        AuthStat auth = program.authenticate(call.credential());
        if (auth != AuthStat.AUTH_OK) {
            return done(RpcResult.authError(auth));
        }
        RpcProcedure procedure = program.procedure(call.version(), call.procedure());
        if (procedure == null) {
            return done(RpcResult.failure(AcceptStat.PROC_UNAVAIL));
        }
        try {
            CompletionStage<RpcResult> result = procedure.call(call, new XdrDecoder(call.args()));
            return result != null ? result : CompletableFuture.failedFuture(
                    new IllegalStateException("procedure " + call.procedure() + " returned no result"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void reply(ChannelHandlerContext ctx, int xid, RpcResult answer, Throwable failure) {
        inFlight--;
        if (inFlight < maxInFlight && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        ByteBuf reply;
        try {
            reply = failure == null ? answer.encode(ctx.alloc(), xid) : failed(ctx, xid, failure);
        } catch (RuntimeException e) {
            LOG.warn("Answering SYSTEM_ERR to xid {} from {}: its reply failed to encode",
                    Integer.toUnsignedString(xid), ctx.channel().remoteAddress(), e);
            reply = RpcReplies.systemErr(ctx.alloc(), xid);
        }
        ctx.writeAndFlush(reply);
    }

    private static ByteBuf failed(ChannelHandlerContext ctx, int xid, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof XdrException) {
            return RpcReplies.garbageArgs(ctx.alloc(), xid);
        }
        LOG.warn("Answering SYSTEM_ERR to xid {} from {}", Integer.toUnsignedString(xid),
                ctx.channel().remoteAddress(), cause);
        return RpcReplies.systemErr(ctx.alloc(), xid);
    }

    private static CompletionStage<RpcResult> done(RpcResult result) {
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Closing {} after an error", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}

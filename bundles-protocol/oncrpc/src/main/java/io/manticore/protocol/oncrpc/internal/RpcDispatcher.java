package io.manticore.protocol.oncrpc.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each {@link RpcCall} of one channel to its program's procedure and writes the reply
 * when that procedure completes, in whatever order they complete (RFC 5531 9: the xid pairs
 * them). Calls in flight are bounded: at the bound the channel stops reading until one
 * completes; calls already read by then are still served. With a {@link ReplyCache}, a call of
 * a procedure whose replies are cached is looked up first: a retransmission is answered from
 * the cache, or dropped while the first transmission runs. One instance per channel: a
 * connection, or a datagram channel that serves every client, where each reply is a datagram to
 * its call's peer, a reply too large for one is replaced by SYSTEM_ERR, and errors never close
 * the channel.
 */
public final class RpcDispatcher extends ChannelInboundHandlerAdapter {

    /** The largest UDP payload over IPv4: 65,535 bytes less the IP and UDP headers. */
    static final int MAX_DATAGRAM_REPLY = 65_507;

    private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);
    private static final RateLimitedLog ENCODE_FAILED = new RateLimitedLog(LOG);
    private static final RateLimitedLog SYSTEM_ERR = new RateLimitedLog(LOG);
    private static final RateLimitedLog CONNECTION_FAILED = new RateLimitedLog(LOG);
    private static final RateLimitedLog REPLY_TOO_LARGE = new RateLimitedLog(LOG);

    private final RpcPrograms programs;
    private final int maxInFlight;
    private final ReplyCache replyCache;
    private final boolean datagrams;
    private int inFlight;

    public RpcDispatcher(RpcPrograms programs, int maxInFlight) {
        this(programs, maxInFlight, null);
    }

    /** {@code replyCache} is shared with the listener's other connections; null serves without one. */
    public RpcDispatcher(RpcPrograms programs, int maxInFlight, ReplyCache replyCache) {
        this(programs, maxInFlight, replyCache, false);
    }

    private RpcDispatcher(RpcPrograms programs, int maxInFlight, ReplyCache replyCache, boolean datagrams) {
        if (maxInFlight <= 0) {
            throw new IllegalArgumentException("maxInFlight " + maxInFlight);
        }
        this.programs = programs;
        this.maxInFlight = maxInFlight;
        this.replyCache = replyCache;
        this.datagrams = datagrams;
    }

    /**
     * A dispatcher for a datagram channel that serves every client: each reply is a
     * {@link DatagramPacket} to its call's peer, and {@code maxInFlight} bounds the whole channel.
     */
    public static RpcDispatcher forDatagrams(RpcPrograms programs, int maxInFlight, ReplyCache replyCache) {
        return new RpcDispatcher(programs, maxInFlight, replyCache, true);
    }

    /** A call on its way: its result, and the cache entry to report it to (null when not cached). */
    private record Dispatched(CompletionStage<RpcResult> result, ReplyCache.Run cached) {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof RpcCall call)) {
            ctx.fireChannelRead(message);
            return;
        }
        Dispatched dispatched;
        try {
            dispatched = dispatch(ctx, call);
        } finally {
            call.release();
        }
        if (dispatched == null) {
            return;
        }
        inFlight++;
        int xid = call.xid();
        InetSocketAddress peer = call.peer();
        ReplyCache.Run cached = dispatched.cached();
        dispatched.result().whenComplete((answer, failure) -> {
            if (ctx.executor().inEventLoop()) {
                reply(ctx, xid, peer, cached, answer, failure);
                return;
            }
            try {
                ctx.executor().execute(() -> reply(ctx, xid, peer, cached, answer, failure));
            } catch (RejectedExecutionException e) {
                if (answer != null) {
                    answer.discard();
                }
                if (cached != null) {
                    replyCache.abandon(cached);
                }
            }
        });
        // Checked after the completion is attached, so a call answered at once never stops reading.
        if (inFlight >= maxInFlight && ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** The call under way, or null when the reply cache answered it or dropped it. */
    private Dispatched dispatch(ChannelHandlerContext ctx, RpcCall call) {
        RpcProgram program = programs.find(call.program());
        if (program == null) {
            return answered(RpcResult.failure(AcceptStat.PROG_UNAVAIL));
        }
        if (call.version() < program.lowestVersion() || call.version() > program.highestVersion()) {
            return answered(RpcResult.progMismatch(program.lowestVersion(), program.highestVersion()));
        }
        AuthStat auth = program.authenticate(call.credential());
        if (auth != AuthStat.AUTH_OK) {
            return answered(RpcResult.authError(auth));
        }
        RpcProcedure procedure = program.procedure(call.version(), call.procedure());
        if (procedure == null) {
            return answered(RpcResult.failure(AcceptStat.PROC_UNAVAIL));
        }
        ReplyCache.Key key = replyCache != null && program.cachesReplies(call.version(), call.procedure())
                ? ReplyCache.keyOf(call) : null;
        if (key == null) {
            return new Dispatched(run(procedure, call), null);
        }
        return switch (replyCache.begin(key)) {
            case ReplyCache.Run cached -> new Dispatched(run(procedure, call), cached);
            case ReplyCache.Replay replay -> {
                send(ctx, call.peer(), replay.reply());
                yield null;
            }
            case ReplyCache.Drop _ -> {
                LOG.debug("Dropping {}: its first transmission is still running", call);
                yield null;
            }
        };
    }

    private static CompletionStage<RpcResult> run(RpcProcedure procedure, RpcCall call) {
        try {
            CompletionStage<RpcResult> result = procedure.call(call, new XdrDecoder(call.args()));
            return result != null ? result : CompletableFuture.failedFuture(
                    new IllegalStateException("procedure " + call.procedure() + " returned no result"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void reply(ChannelHandlerContext ctx, int xid, InetSocketAddress peer, ReplyCache.Run cached,
                       RpcResult answer, Throwable failure) {
        inFlight--;
        if (inFlight < maxInFlight && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        ByteBuf reply;
        boolean succeeded = false;
        try {
            if (failure == null) {
                reply = answer.encode(ctx.alloc(), xid);
                succeeded = answer instanceof RpcResult.Written || answer instanceof RpcResult.Appended;
            } else {
                reply = failed(ctx, xid, peer, failure);
            }
        } catch (RuntimeException e) {
            ENCODE_FAILED.warn("Answering SYSTEM_ERR to xid {} from {}: its reply failed to encode",
                    Integer.toUnsignedString(xid), RpcMessageDecoder.from(ctx, peer), e);
            reply = RpcReplies.systemErr(ctx.alloc(), xid);
        }
        if (datagrams && reply.readableBytes() > MAX_DATAGRAM_REPLY) {
            REPLY_TOO_LARGE.warn("Answering SYSTEM_ERR to xid {} from {}: its reply of {} bytes does not fit in a datagram",
                    Integer.toUnsignedString(xid), peer, reply.readableBytes());
            reply.release();
            reply = RpcReplies.systemErr(ctx.alloc(), xid);
            succeeded = false;
        }
        if (cached != null) {
            // Only SUCCESS is kept, as nfsd keeps no reply it failed to encode: after SYSTEM_ERR or GARBAGE_ARGS a retransmission runs again.
            if (succeeded) {
                replyCache.complete(cached, reply, ctx.alloc());
            } else {
                replyCache.abandon(cached);
            }
        }
        send(ctx, peer, reply);
    }

    /** Writes {@code reply}, which it takes ownership of: as it is on a connection, in a datagram to {@code peer} otherwise. */
    private void send(ChannelHandlerContext ctx, InetSocketAddress peer, ByteBuf reply) {
        ctx.writeAndFlush(datagrams ? new DatagramPacket(reply, peer) : reply);
    }

    private static ByteBuf failed(ChannelHandlerContext ctx, int xid, InetSocketAddress peer, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof XdrException) {
            return RpcReplies.garbageArgs(ctx.alloc(), xid);
        }
        SYSTEM_ERR.warn("Answering SYSTEM_ERR to xid {} from {}", Integer.toUnsignedString(xid),
                RpcMessageDecoder.from(ctx, peer), cause);
        return RpcReplies.systemErr(ctx.alloc(), xid);
    }

    private static Dispatched answered(RpcResult result) {
        return new Dispatched(CompletableFuture.completedFuture(result), null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (datagrams) {
            // The channel serves every client, so nothing one of them causes may close it.
            if (cause instanceof IOException) {
                LOG.debug("Error on RPC datagram channel {}: {}", ctx.channel().localAddress(), cause.toString());
            } else {
                CONNECTION_FAILED.warn("Error on RPC datagram channel {}", ctx.channel().localAddress(), cause);
            }
            return;
        }
        if (cause instanceof IOException) {
            // A client resetting or dropping its connection is routine, not the server's trouble.
            LOG.debug("Closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            CONNECTION_FAILED.warn("Closing {} after an error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}

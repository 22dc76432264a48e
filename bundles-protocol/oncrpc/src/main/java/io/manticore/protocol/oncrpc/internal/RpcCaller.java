package io.manticore.protocol.oncrpc.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;

/**
 * Makes RPC calls as a client over TCP, one connection per call: what a server needs for its
 * rare calls back to clients (NLM GRANTED, NSM SM_NOTIFY). Calls carry AUTH_NONE; a call that
 * is not answered within its timeout fails and its connection is closed.
 */
public final class RpcCaller {

    /** A reply bigger than this is refused: callbacks answer a few words. */
    static final int MAX_REPLY = 64 * 1024;

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;

    public RpcCaller(EventLoopGroup group, Class<? extends SocketChannel> channelType) {
        this.group = group;
        this.channelType = channelType;
    }

    /**
     * Calls {@code procedure} of {@code program} version {@code version} at {@code server}.
     * The stage completes with what {@code results} decodes from a SUCCESS reply, or fails with
     * an {@link RpcCallException} for any other reply, a closed connection or a timeout.
     */
    public <T> CompletionStage<T> call(InetSocketAddress server, int program, int version, int procedure,
                                       Consumer<XdrEncoder> args, Function<XdrDecoder, T> results,
                                       Duration timeout) {
        int xid = ThreadLocalRandom.current().nextInt();
        CompletableFuture<T> answer = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new RpcRecordDecoder(MAX_REPLY), new RpcRecordEncoder(),
                                new ReplyHandler<>(xid, results, answer));
                    }
                });
        ChannelFuture connect = bootstrap.connect(server);
        Channel channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                answer.completeExceptionally(new RpcCallException("cannot connect to " + server, f.cause()));
                return;
            }
            ByteBuf call = channel.alloc().buffer();
            XdrEncoder out = new XdrEncoder(call);
            out.writeInt(xid).writeInt(RpcReplies.CALL).writeInt(2).writeInt(program).writeInt(version).writeInt(procedure);
            out.writeInt(AuthFlavor.AUTH_NONE).writeInt(0).writeInt(AuthFlavor.AUTH_NONE).writeInt(0);
            try {
                args.accept(out);
            } catch (RuntimeException e) {
                call.release();
                answer.completeExceptionally(e);
                return;
            }
            channel.writeAndFlush(call);
            channel.closeFuture().addListener(c -> answer.completeExceptionally(
                    new RpcCallException(server + " closed the connection before replying", null)));
        });
        var timer = channel.eventLoop().schedule(() -> {
            answer.completeExceptionally(new RpcCallException("no reply from " + server + " within " + timeout, null));
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((r, e) -> {
            timer.cancel(false);
            channel.close();
        });
        return answer;
    }

    /** Reads the one reply of a call and completes its stage. */
    private static final class ReplyHandler<T> extends SimpleChannelInboundHandler<ByteBuf> {

        private final int xid;
        private final Function<XdrDecoder, T> results;
        private final CompletableFuture<T> answer;

        ReplyHandler(int xid, Function<XdrDecoder, T> results, CompletableFuture<T> answer) {
            this.xid = xid;
            this.results = results;
            this.answer = answer;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf record) {
            try {
                XdrDecoder in = new XdrDecoder(record);
                if (in.readInt() != xid || in.readInt() != RpcReplies.REPLY) {
                    return;
                }
                int replyStat = in.readInt();
                if (replyStat != 0) {
                    answer.completeExceptionally(new RpcCallException("call denied (reply_stat " + replyStat + ")", null));
                    return;
                }
                in.readInt();
                in.readOpaqueBytes(OpaqueAuth.MAX_BODY);
                int acceptStat = in.readInt();
                if (acceptStat != AcceptStat.SUCCESS.code()) {
                    answer.completeExceptionally(new RpcCallException("call not accepted (accept_stat " + acceptStat + ")", null));
                    return;
                }
                answer.complete(results.apply(in));
            } catch (RuntimeException e) {
                answer.completeExceptionally(new RpcCallException("malformed reply", e));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answer.completeExceptionally(new RpcCallException("connection failed", cause));
            ctx.close();
        }
    }
}

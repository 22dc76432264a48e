package io.manticore.transport.stream.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.transport.BoundListener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/** Binds a TCP listener on given event loops: what every stream transport does the same way. */
public final class StreamBinding {

    private StreamBinding() {
    }

    /**
     * Binds {@code address} with a server channel of {@code type} on {@code boss} and
     * {@code workers}, handing each accepted connection to {@code protocol}. The stage fails with
     * the bind error, or at once when the event loops of the transport {@code name} have stopped.
     */
    public static CompletionStage<BoundListener> bind(String name, EventLoopGroup boss, EventLoopGroup workers,
                                                      Class<? extends ServerChannel> type,
                                                      InetSocketAddress address, ProtocolHandler protocol) {
        if (boss.isShuttingDown() || workers.isShuttingDown()) {
            // A stopped event loop drops the registration and its future never completes.
            return CompletableFuture.failedFuture(new IOException("cannot bind " + address + ": the " + name
                    + " transport is stopped"));
        }
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        protocol.initChannel(ch);
                    }
                });
        CompletableFuture<BoundListener> result = new CompletableFuture<>();
        ChannelFuture bind = b.bind(address);
        bind.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(new StreamListener(bind.channel(), connections));
            } else {
                result.completeExceptionally(new IOException(
                        "cannot bind " + address + ": " + f.cause().getMessage(), f.cause()));
            }
        });
        return result;
    }
}

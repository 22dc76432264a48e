package io.manticore.transport.tcp.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.transport.BoundListener;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;

/** A bound server socket and the connections it accepted. */
final class TcpListener implements BoundListener {

    private final Channel serverChannel;
    private final ChannelGroup connections;

    TcpListener(Channel serverChannel, ChannelGroup connections) {
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public int connections() {
        return connections.size();
    }

    @Override
    public CompletionStage<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        serverChannel.close().addListener(f -> connections.close().addListener(g -> done.complete(null)));
        return done;
    }
}

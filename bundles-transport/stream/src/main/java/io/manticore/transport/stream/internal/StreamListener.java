package io.manticore.transport.stream.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.transport.BoundListener;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;

/** A bound server socket and the connections it accepted. */
public final class StreamListener implements BoundListener {

    private final Channel serverChannel;
    private final ChannelGroup connections;

    StreamListener(Channel serverChannel, ChannelGroup connections) {
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
        // The server socket first, so no connection is accepted after the group was closed.
        serverChannel.close().addListener(closed -> connections.close().addListener(all -> done.complete(null)));
        return done;
    }
}

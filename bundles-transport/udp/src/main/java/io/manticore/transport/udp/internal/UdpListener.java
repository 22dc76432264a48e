package io.manticore.transport.udp.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.transport.BoundListener;
import io.netty.channel.Channel;

/** A bound datagram socket, shared by every client that sends to it. */
final class UdpListener implements BoundListener {

    private final Channel channel;

    UdpListener(Channel channel) {
        this.channel = channel;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Datagrams make no connections. */
    @Override
    public int connections() {
        return 0;
    }

    @Override
    public CompletionStage<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.close().addListener(f -> done.complete(null));
        return done;
    }
}

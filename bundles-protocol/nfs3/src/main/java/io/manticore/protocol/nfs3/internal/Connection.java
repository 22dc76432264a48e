package io.manticore.protocol.nfs3.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.manticore.protocol.nfs3.internal.client.ClientRecord;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;

/** One client connection: who it comes from and where its calls are counted. */
public record Connection(InetAddress peer, ClientRecord client, ByteBufAllocator alloc) {

    /** Records {@code channel}'s client for as long as the channel is open. */
    public static Connection open(NfsServer server, Channel channel) {
        InetAddress peer = addressOf(channel.remoteAddress());
        ClientRecord record = server.clients().connected(peer);
        channel.closeFuture().addListener(f -> server.clients().disconnected(record));
        return new Connection(peer, record, channel.alloc());
    }

    private static InetAddress addressOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        // An in-process channel (tests, local transports) counts as loopback.
        return InetAddress.getLoopbackAddress();
    }
}

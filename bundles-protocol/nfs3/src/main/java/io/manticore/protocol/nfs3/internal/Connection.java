package io.manticore.protocol.nfs3.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.manticore.protocol.nfs3.internal.client.ClientRecord;
import io.manticore.protocol.oncrpc.internal.RpcCall;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;

/** Where calls come from: one client connection, or the sender of one datagram; and where its calls are counted. */
public record Connection(InetAddress peer, ClientRecord client, ByteBufAllocator alloc) {

    /** Records {@code channel}, a connection to {@code protocol}, in its client's record for as long as it is open. */
    public static Connection open(NfsServer server, Channel channel, String protocol) {
        InetAddress peer = addressOf(channel.remoteAddress());
        ClientRecord record = server.clients().connected(peer, protocol);
        channel.closeFuture().addListener(f -> server.clients().disconnected(record, protocol));
        return new Connection(peer, record, channel.alloc());
    }

    /** The sender of a datagram {@code call}: a datagram opens no connection, so its client's record is only looked up. */
    public static Connection ofDatagram(NfsServer server, RpcCall call, ByteBufAllocator alloc) {
        InetAddress peer = addressOf(call.peer());
        return new Connection(peer, server.clients().recordOf(peer), alloc);
    }

    private static InetAddress addressOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        // An in-process channel (tests, local transports) counts as loopback.
        return InetAddress.getLoopbackAddress();
    }
}

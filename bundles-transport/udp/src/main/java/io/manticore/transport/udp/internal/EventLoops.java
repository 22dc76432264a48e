package io.manticore.transport.udp.internal;

import io.manticore.transport.stream.internal.NativeLoops;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;

/** The event loops of the transport, on epoll or NIO ({@link NativeLoops}). */
final class EventLoops {

    final EventLoopGroup group;
    final Class<? extends DatagramChannel> datagramChannel;
    final String kind;

    EventLoops(int threads) {
        NativeLoops loops = NativeLoops.detect();
        this.kind = loops.kind();
        this.group = loops.group(threads, "manticore-udp");
        this.datagramChannel = loops.datagramChannel();
    }

    void shutdown() {
        NativeLoops.shutdown(group);
    }
}

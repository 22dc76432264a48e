package io.manticore.transport.tcp.internal;

import io.manticore.transport.stream.internal.NativeLoops;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;

/** The event loops of the transport: one that accepts, the workers, on epoll or NIO ({@link NativeLoops}). */
final class EventLoops {

    final EventLoopGroup boss;
    final EventLoopGroup workers;
    final Class<? extends ServerChannel> serverChannel;
    final String kind;

    EventLoops(int threads) {
        NativeLoops loops = NativeLoops.detect();
        this.kind = loops.kind();
        this.boss = loops.group(1, "manticore-tcp-accept");
        this.workers = loops.group(threads, "manticore-tcp");
        this.serverChannel = loops.serverChannel();
    }

    void shutdown() {
        NativeLoops.shutdown(boss);
        NativeLoops.shutdown(workers);
    }
}

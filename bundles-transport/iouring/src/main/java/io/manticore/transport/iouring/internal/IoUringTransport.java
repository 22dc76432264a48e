package io.manticore.transport.iouring.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.transport.BoundListener;
import io.manticore.api.transport.Transport;
import io.manticore.transport.stream.internal.StreamBinding;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The io_uring transport: Netty's io_uring event loops and server sockets. Each listener's
 * accepted connections are handed to its protocol's pipeline set-up. Build it only where
 * {@link IoUringProbe} found io_uring usable.
 */
final class IoUringTransport implements Transport {

    static final String NAME = "iouring";

    private final MultiThreadIoEventLoopGroup boss;
    private final MultiThreadIoEventLoopGroup workers;

    /** A transport with {@code threads} event loops (0: Netty's default of two per core). */
    IoUringTransport(int threads) {
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("manticore-iouring-accept", true),
                IoUringIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("manticore-iouring", true),
                IoUringIoHandler.newFactory());
    }

    @Override
    public String name() {
        return NAME;
    }

    int eventLoops() {
        return workers.executorCount();
    }

    @Override
    public CompletionStage<BoundListener> bind(InetSocketAddress address, ProtocolHandler protocol) {
        return StreamBinding.bind(NAME, boss, workers, IoUringServerSocketChannel.class, address, protocol);
    }

    /** Stops the event loops, closing every socket still open on them. */
    void close() {
        // A quiet period of 0: Netty's default 2 s would hold up bundle updates (STACK.md pitfall 6).
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

package io.manticore.protocol.nfs4.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * One client connection: where its calls come from, its allocator, and the COMPOUNDs it has in
 * flight, so that a stopping service closes it only once they are answered.
 */
public final class Connection {

    private final Channel channel;
    private final InetAddress peer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    public Connection(Channel channel) {
        this.channel = channel;
        this.peer = channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress()
                // An in-process channel (tests, local transports) counts as loopback.
                : InetAddress.getLoopbackAddress();
    }

    public InetAddress peer() {
        return peer;
    }

    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /** A call starts. */
    public void begin() {
        inFlight.incrementAndGet();
    }

    /** A call's reply is on its way: a draining connection closes once the last is written. */
    public void end() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            // Queued behind the dispatcher's write of this reply, which runs on the event loop too.
            channel.eventLoop().execute(this::closeAfterWrites);
        }
    }

    /** Stops reading; closes once the calls in flight are answered. */
    public void drain() {
        draining = true;
        channel.eventLoop().execute(() -> {
            channel.config().setAutoRead(false);
            if (inFlight.get() == 0) {
                closeAfterWrites();
            }
        });
    }

    private void closeAfterWrites() {
        if (!channel.isOpen()) {
            return;
        }
        // An empty write from the head of the pipeline completes after every reply written before it.
        channel.pipeline().firstContext().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}

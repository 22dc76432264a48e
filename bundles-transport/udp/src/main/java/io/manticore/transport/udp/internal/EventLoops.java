package io.manticore.transport.udp.internal;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops of the transport: epoll where Netty's native epoll loads, NIO otherwise.
 * The epoll classes are touched only after {@code Epoll.isAvailable()} said yes, so the
 * bundle resolves even without the epoll bundle (its import is optional).
 */
final class EventLoops {

    final EventLoopGroup group;
    final Class<? extends DatagramChannel> datagramChannel;
    final String kind;

    EventLoops(int threads) {
        boolean epoll = epollAvailable();
        this.kind = epoll ? "epoll" : "nio";
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("manticore-udp", true),
                epoll ? EpollSupport.factory() : NioIoHandler.newFactory());
        this.datagramChannel = epoll ? EpollSupport.datagramChannel() : NioDatagramChannel.class;
    }

    private static boolean epollAvailable() {
        try {
            return EpollSupport.available();
        } catch (LinkageError e) {
            return false;
        }
    }

    void shutdown() {
        // A quiet period of 0: Netty's default 2 s would hold up bundle updates (STACK.md).
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

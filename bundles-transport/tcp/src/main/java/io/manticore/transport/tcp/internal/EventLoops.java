package io.manticore.transport.tcp.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops of the transport: epoll where Netty's native epoll loads, NIO otherwise.
 * The epoll classes are touched only after {@code Epoll.isAvailable()} said yes, so the
 * bundle resolves even without the epoll bundle (its import is optional).
 */
final class EventLoops {

    final EventLoopGroup boss;
    final EventLoopGroup workers;
    final Class<? extends ServerChannel> serverChannel;
    final String kind;

    EventLoops(int threads) {
        boolean epoll = epollAvailable();
        IoHandlerFactory factory = epoll ? EpollSupport.factory() : NioIoHandler.newFactory();
        this.kind = epoll ? "epoll" : "nio";
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("manticore-tcp-accept", true), factory);
        this.workers = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("manticore-tcp", true),
                epoll ? EpollSupport.factory() : NioIoHandler.newFactory());
        this.serverChannel = epoll ? EpollSupport.serverChannel() : NioServerSocketChannel.class;
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
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}

package io.manticore.transport.stream.internal;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Event loops and channel classes on epoll where Netty's native epoll loads, NIO otherwise. The
 * epoll classes are touched only after {@code Epoll.isAvailable()} said yes, so a bundle
 * resolves even without the epoll bundle (its import is optional).
 */
public final class NativeLoops {

    private final boolean epoll;

    private NativeLoops(boolean epoll) {
        this.epoll = epoll;
    }

    /** Epoll when it loads here, else NIO. */
    public static NativeLoops detect() {
        boolean epoll;
        try {
            epoll = EpollClasses.available();
        } catch (LinkageError e) {
            epoll = false;
        }
        return new NativeLoops(epoll);
    }

    /** "epoll" or "nio", for the log. */
    public String kind() {
        return epoll ? "epoll" : "nio";
    }

    /** {@code threads} event loops on daemon threads named {@code threadName}. */
    public EventLoopGroup group(int threads, String threadName) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName, true),
                epoll ? EpollClasses.factory() : NioIoHandler.newFactory());
    }

    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollClasses.serverChannel() : NioServerSocketChannel.class;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollClasses.datagramChannel() : NioDatagramChannel.class;
    }

    /** Stops {@code group} at once: Netty's default quiet period of 2 s would hold up bundle updates (STACK.md). */
    public static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

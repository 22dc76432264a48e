package io.manticore.transport.stream.internal;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.DatagramChannel;

/** The only class that names Netty's epoll classes, loaded only when epoll is wanted. */
final class EpollClasses {

    private EpollClasses() {
    }

    static boolean available() {
        return Epoll.isAvailable();
    }

    static IoHandlerFactory factory() {
        return EpollIoHandler.newFactory();
    }

    static Class<? extends ServerChannel> serverChannel() {
        return EpollServerSocketChannel.class;
    }

    static Class<? extends DatagramChannel> datagramChannel() {
        return EpollDatagramChannel.class;
    }
}

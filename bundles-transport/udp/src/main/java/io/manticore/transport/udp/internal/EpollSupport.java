package io.manticore.transport.udp.internal;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramChannel;

/** The only class that names Netty's epoll classes, loaded only when epoll is wanted. */
final class EpollSupport {

    private EpollSupport() {
    }

    static boolean available() {
        return Epoll.isAvailable();
    }

    static IoHandlerFactory factory() {
        return EpollIoHandler.newFactory();
    }

    static Class<? extends DatagramChannel> datagramChannel() {
        return EpollDatagramChannel.class;
    }
}

package io.manticore.protocol.portmap.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.netty.channel.Channel;

/**
 * The two ends of the connection a call came on. The local end gives the netid GETADDR answers
 * for (RFC 1833 2.2.1) and stands in for a wildcard address; the remote end decides whether SET
 * and UNSET are allowed. Either is null when the transport is not IP.
 */
record Caller(InetAddress local, InetAddress remote) {

    static Caller of(Channel channel) {
        return new Caller(host(channel.localAddress()), host(channel.remoteAddress()));
    }

    /** RFC 1833 2.2.1, 3.2: a server registers with the binder of its own host, so SET and UNSET must come over loopback. */
    boolean fromLoopback() {
        return remote != null && remote.isLoopbackAddress();
    }

    /** The netid of this connection: every transport is a stream one (the Transport API has no datagram transport). */
    Netid netid() {
        return Netid.stream(local);
    }

    /**
     * The address of {@code mapping} as this caller can reach it: a wildcard host is replaced by
     * the local address of the connection when both are of one family (rpcbind's merged address).
     */
    InetSocketAddress merged(Mapping mapping) {
        InetSocketAddress address = mapping.address();
        if (local != null && address.getAddress().isAnyLocalAddress()
                && (local instanceof Inet6Address) == mapping.netid().ipv6()) {
            return new InetSocketAddress(local, address.getPort());
        }
        return address;
    }

    private static InetAddress host(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}

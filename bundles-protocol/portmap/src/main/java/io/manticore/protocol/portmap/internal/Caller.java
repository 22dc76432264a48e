package io.manticore.protocol.portmap.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.manticore.protocol.oncrpc.internal.RpcCall;
import io.netty.channel.Channel;

/**
 * The two ends of a call: over TCP those of its connection, over UDP the datagram channel's
 * address and the datagram's sender. The local end stands in for a wildcard address; the netid
 * GETADDR answers for (RFC 1833 2.2.1) is the transport's, in the family of the connection (TCP)
 * or of the sender (UDP); the remote end decides whether SET and UNSET are allowed. Either end is
 * null when the transport is not IP.
 */
record Caller(InetAddress local, InetAddress remote, boolean datagram) {

    static Caller of(Channel channel) {
        return new Caller(host(channel.localAddress()), host(channel.remoteAddress()), false);
    }

    /** The caller of {@code call}, which came in a datagram on {@code channel}. */
    static Caller ofDatagram(Channel channel, RpcCall call) {
        return new Caller(host(channel.localAddress()), host(call.peer()), true);
    }

    /** RFC 1833 2.2.1, 3.2: a server registers with the binder of its own host, so SET and UNSET must come from loopback. */
    boolean fromLoopback() {
        return remote != null && remote.isLoopbackAddress();
    }

    /** The netid of this call's transport. */
    Netid netid() {
        return datagram ? Netid.datagram(remote) : Netid.stream(local);
    }

    /**
     * The address of {@code mapping} as this caller can reach it: a wildcard host is replaced by
     * the local address of the call when both are of one family (rpcbind's merged address). A
     * datagram channel bound to a wildcard has no better local address than that, so the one its
     * reply leaves from is asked of the routing table.
     */
    InetSocketAddress merged(Mapping mapping) {
        InetSocketAddress address = mapping.address();
        if (!address.getAddress().isAnyLocalAddress()) {
            return address;
        }
        InetAddress here = datagram && local != null && local.isAnyLocalAddress() && remote != null
                ? LocalRoute.toward(remote) : local;
        if (here != null && (here instanceof Inet6Address) == mapping.netid().ipv6()) {
            return new InetSocketAddress(here, address.getPort());
        }
        return address;
    }

    private static InetAddress host(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}

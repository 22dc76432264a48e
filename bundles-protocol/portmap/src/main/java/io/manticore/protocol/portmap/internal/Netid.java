package io.manticore.protocol.portmap.internal;

import java.net.Inet6Address;
import java.net.InetAddress;

import io.manticore.api.config.ListenerConfig;

/**
 * The network identifiers (RFC 5665 5.1) the portmapper knows, with the netconfig fields a
 * GETADDRLIST entry reports for each (RFC 1833 2.1, rpcb_entry).
 */
enum Netid {
    TCP("tcp", true, false),
    TCP6("tcp6", true, true),
    UDP("udp", false, false),
    UDP6("udp6", false, true);

    /** RFC 1833 2.1: r_nc_semantics of a datagram transport. */
    private static final int NC_TPI_CLTS = 1;
    /** RFC 1833 2.1: r_nc_semantics of a stream transport with orderly release. */
    private static final int NC_TPI_COTS_ORD = 3;

    private final String wireName;
    private final boolean stream;
    private final boolean ipv6;

    Netid(String wireName, boolean stream, boolean ipv6) {
        this.wireName = wireName;
        this.stream = stream;
        this.ipv6 = ipv6;
    }

    /** The name on the wire: {@code "tcp"}, {@code "tcp6"}, {@code "udp"} or {@code "udp6"}. */
    String wireName() {
        return wireName;
    }

    boolean ipv6() {
        return ipv6;
    }

    /** The IP protocol number of a port mapper mapping (RFC 1833 3.1). */
    int ipProtocol() {
        return stream ? PmapMapping.IPPROTO_TCP : PmapMapping.IPPROTO_UDP;
    }

    int semantics() {
        return stream ? NC_TPI_COTS_ORD : NC_TPI_CLTS;
    }

    String protocolFamily() {
        return ipv6 ? "inet6" : "inet";
    }

    String protocolName() {
        return stream ? "tcp" : "udp";
    }

    /** The netid called {@code name}, or null. */
    static Netid named(String name) {
        for (Netid netid : values()) {
            if (netid.wireName.equals(name)) {
                return netid;
            }
        }
        return null;
    }

    /** The IPv4 netid of a port mapper protocol number (RFC 1833 3.1), or null for another number. */
    static Netid ofIpProtocol(int ipProtocol) {
        return switch (ipProtocol) {
            case PmapMapping.IPPROTO_TCP -> TCP;
            case PmapMapping.IPPROTO_UDP -> UDP;
            default -> null;
        };
    }

    /** TCP or TCP6, by the family of {@code address}. */
    static Netid stream(InetAddress address) {
        return address instanceof Inet6Address ? TCP6 : TCP;
    }

    /** UDP or UDP6, by the family of {@code address}. */
    static Netid datagram(InetAddress address) {
        return address instanceof Inet6Address ? UDP6 : UDP;
    }

    /** The netid of a listener of the transport named {@code transport} on {@code address}: udp is datagrams, every other one a stream. */
    static Netid ofListener(String transport, InetAddress address) {
        return ListenerConfig.isDatagram(transport) ? datagram(address) : stream(address);
    }
}

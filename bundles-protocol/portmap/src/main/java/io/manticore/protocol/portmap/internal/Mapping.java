package io.manticore.protocol.portmap.internal;

import java.net.InetSocketAddress;

/**
 * Where a program version is served: what an rpcb holds (RFC 1833 2.1). {@code address} is a
 * literal IP address (a wildcard when the server listens on every address) and a port.
 */
record Mapping(int program, int version, Netid netid, InetSocketAddress address, String owner) {

    boolean is(int program, int version) {
        return this.program == program && this.version == version;
    }
}

package io.manticore.protocol.portmap.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;

/**
 * The local address this host sends from toward a peer, as its routing table chooses it: what a
 * datagram channel bound to a wildcard address replies from. Connecting a UDP socket sends
 * nothing and does not block; it only looks the route up.
 */
final class LocalRoute {

    /** Any port will do: no datagram is sent. */
    private static final int ANY_PORT = 9;

    private LocalRoute() {
    }

    /** The local address toward {@code peer}, or null when there is no route. */
    static InetAddress toward(InetAddress peer) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(peer, ANY_PORT);
            InetAddress local = probe.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? null : local;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}

package io.manticore.api.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One listening socket: which protocol, over which transport, on which address and port. A stream
 * listener may name several ONC RPC protocols joined by {@value #PROTOCOL_SEPARATOR}
 * ({@code "nfs4+nfs3"}): they share the port, and each connection goes to the protocol that serves
 * the program and version of its first call.
 */
public record ListenerConfig(String protocol, String transport, String address, int port) {

    public static final String PROTOCOL_SEPARATOR = "+";

    /** The protocols this listener serves, in the order named: one, or several sharing an RPC port. */
    public List<String> protocols() {
        return List.of(protocol.split(Pattern.quote(PROTOCOL_SEPARATOR)));
    }

    /** True when several RPC protocols share this listener's port. */
    public boolean isShared() {
        return protocol.contains(PROTOCOL_SEPARATOR);
    }

    /** A stable name for logs and the shell: {@code protocol/transport@address:port}. */
    public String id() {
        return protocol + "/" + transport + "@" + address + ":" + port;
    }

    /** True for a datagram transport ({@code udp}); every other transport binds TCP sockets. */
    public static boolean isDatagram(String transport) {
        return "udp".equals(transport);
    }

    /**
     * The socket this listener takes, {@code tcp@address:port} or {@code udp@address:port}: two
     * listeners with the same socket cannot both bind (TCP and UDP ports are separate).
     */
    public String socket() {
        return (isDatagram(transport) ? "udp" : "tcp") + "@" + address + ":" + port;
    }
}

package io.manticore.api.config;

/** One listening socket: which protocol, over which transport, on which address and port. */
public record ListenerConfig(String protocol, String transport, String address, int port) {

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

package io.manticore.api.config;

/** One listening socket: which protocol, over which transport, on which address and port. */
public record ListenerConfig(String protocol, String transport, String address, int port) {

    /** A stable name for logs and the shell: {@code protocol/transport@address:port}. */
    public String id() {
        return protocol + "/" + transport + "@" + address + ":" + port;
    }
}

package io.manticore.api.admin;

/**
 * A configured listener. {@code state} is BOUND, WAITING (its protocol or transport is not
 * present; {@code detail} says which) or FAILED ({@code detail} has the bind error).
 * {@code boundPort} is the port actually bound (useful when 0 was configured), else -1.
 */
public record ListenerInfo(String protocol, String transport, String address, int port,
                           String state, int boundPort, int connections, String detail) {
}

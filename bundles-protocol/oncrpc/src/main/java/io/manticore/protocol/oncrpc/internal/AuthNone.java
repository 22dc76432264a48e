package io.manticore.protocol.oncrpc.internal;

/** AUTH_NONE (RFC 5531 10.1): no identity at all. */
public record AuthNone() implements Credential {

    public static final AuthNone INSTANCE = new AuthNone();

    @Override
    public int flavor() {
        return AuthFlavor.AUTH_NONE;
    }
}

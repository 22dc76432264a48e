package io.manticore.protocol.oncrpc.internal;

/** Authentication flavour numbers (RFC 5531 8.2 and the IANA registry it points to). */
public final class AuthFlavor {

    public static final int AUTH_NONE = 0;
    public static final int AUTH_SYS = 1;
    public static final int AUTH_SHORT = 2;
    public static final int AUTH_DH = 3;
    public static final int RPCSEC_GSS = 6;

    private AuthFlavor() {
    }
}

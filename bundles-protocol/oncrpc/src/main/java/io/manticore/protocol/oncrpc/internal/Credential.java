package io.manticore.protocol.oncrpc.internal;

/** The credential of a call (RFC 5531 8.2), decoded for the flavours this layer knows. */
public sealed interface Credential permits AuthNone, AuthSys, AuthUnsupported {

    /** The flavour number on the wire. */
    int flavor();
}

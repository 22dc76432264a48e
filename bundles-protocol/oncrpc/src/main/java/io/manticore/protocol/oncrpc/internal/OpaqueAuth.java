package io.manticore.protocol.oncrpc.internal;

import java.util.Arrays;

/**
 * An opaque_auth as it came on the wire (RFC 5531 8.2): the verifier of a call.
 *
 * @param flavor the flavour number
 * @param body   at most {@value #MAX_BODY} bytes (a defensive copy is kept)
 */
public record OpaqueAuth(int flavor, byte[] body) {

    /** RFC 5531 8.2: opaque body<400>. */
    public static final int MAX_BODY = 400;

    public static final OpaqueAuth NONE = new OpaqueAuth(AuthFlavor.AUTH_NONE, new byte[0]);

    public OpaqueAuth {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaqueAuth a && a.flavor == flavor && Arrays.equals(a.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * flavor + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "OpaqueAuth[flavor=" + flavor + ", " + body.length + " bytes]";
    }
}

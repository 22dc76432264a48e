package io.manticore.protocol.oncrpc.internal;

import java.util.Arrays;

/**
 * A credential of a flavour this layer does not verify (AUTH_DH, RPCSEC_GSS, …), kept so the
 * dispatcher can refuse it with the auth_stat the program chooses.
 *
 * @param flavor the flavour number
 * @param body   the raw credential body, at most 400 bytes (a defensive copy is kept)
 */
public record AuthUnsupported(int flavor, byte[] body) implements Credential {

    public AuthUnsupported {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthUnsupported a && a.flavor == flavor && Arrays.equals(a.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * flavor + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "AuthUnsupported[flavor=" + flavor + ", " + body.length + " bytes]";
    }
}

package io.manticore.protocol.oncrpc.internal;

/**
 * A credential of a flavour this layer does not verify (AUTH_DH, RPCSEC_GSS, …), kept as it
 * came on the wire so the dispatcher can refuse it with the auth_stat the program chooses.
 *
 * @param raw the flavour and body, at most {@value OpaqueAuth#MAX_BODY} bytes
 */
public record AuthUnsupported(OpaqueAuth raw) implements Credential {

    @Override
    public int flavor() {
        return raw.flavor();
    }
}

package io.manticore.protocol.oncrpc.internal.xdr;

/**
 * Malformed XDR input: a length over its limit or past the end of the data, bad padding, an
 * out-of-range bool or enum. An RPC server answers it with GARBAGE_ARGS (RFC 5531 9).
 */
public final class XdrException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public XdrException(String message) {
        // Hostile input can raise these at wire speed: a stack trace would only cost time.
        super(message, null, false, false);
    }
}

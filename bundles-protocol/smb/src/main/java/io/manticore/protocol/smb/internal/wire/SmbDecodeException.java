package io.manticore.protocol.smb.internal.wire;

/** A request that cannot be decoded: answered STATUS_INVALID_PARAMETER, or the connection closed when framing is lost. */
public final class SmbDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SmbDecodeException(String message) {
        super(message, null, false, false);
    }
}

package io.manticore.protocol.smb.internal.crypto;

/** A message that does not decrypt: a bad tag, or a TRANSFORM_HEADER that does not describe it. */
public final class CryptoException extends Exception {

    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }
}

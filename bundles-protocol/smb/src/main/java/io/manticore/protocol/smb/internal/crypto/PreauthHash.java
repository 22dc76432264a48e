package io.manticore.protocol.smb.internal.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.netty.buffer.ByteBuf;

/**
 * The SMB 3.1.1 pre-authentication integrity hash (MS-SMB2 3.3.5.4, 3.3.5.5): a SHA-512 chain that starts
 * at 64 zero bytes and takes in every NEGOTIATE and SESSION_SETUP message, whole, as it was on the wire.
 */
public final class PreauthHash {

    private static final int SIZE = 64;

    private final byte[] value;

    public PreauthHash() {
        this.value = new byte[SIZE];
    }

    private PreauthHash(byte[] value) {
        this.value = value.clone();
    }

    /** A hash that goes on from this one's current value on its own (the connection's, copied into a session). */
    public synchronized PreauthHash copy() {
        return new PreauthHash(value);
    }

    /** Chains one message: value = SHA-512(value || message). Leaves the buffer's indexes and reference count alone. */
    public synchronized void update(ByteBuf wholeMessage) {
        MessageDigest sha512 = sha512();
        sha512.update(value);
        for (ByteBuffer part : wholeMessage.nioBuffers(wholeMessage.readerIndex(), wholeMessage.readableBytes())) {
            sha512.update(part);
        }
        byte[] next = sha512.digest();
        System.arraycopy(next, 0, value, 0, SIZE);
    }

    /** The current 64-byte value (a copy). */
    public synchronized byte[] value() {
        return value.clone();
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }
}

package io.manticore.itest.rpc;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads XDR items (RFC 4506) from a byte array. Malformed input (a length past the end, a bool
 * other than 0 or 1) fails with an {@link AssertionError}: in a test it is the server's fault.
 */
public final class XdrReader {

    private final ByteBuffer buf;

    public XdrReader(byte[] bytes) {
        this(ByteBuffer.wrap(bytes));
    }

    private XdrReader(ByteBuffer buf) {
        this.buf = buf;
    }

    public int remaining() {
        return buf.remaining();
    }

    public int readInt() {
        need(4);
        return buf.getInt();
    }

    public long readUnsignedInt() {
        return readInt() & 0xffff_ffffL;
    }

    public long readHyper() {
        need(8);
        return buf.getLong();
    }

    public boolean readBool() {
        int v = readInt();
        if (v != 0 && v != 1) {
            throw new AssertionError("XDR bool of value " + v + " at offset " + (buf.position() - 4));
        }
        return v == 1;
    }

    public byte[] readFixedOpaque(int length) {
        int padded = (length + 3) & ~3;
        need(padded);
        byte[] b = new byte[length];
        buf.get(b);
        buf.position(buf.position() + padded - length);
        return b;
    }

    public byte[] readOpaque() {
        int length = readInt();
        if (length < 0) {
            throw new AssertionError("XDR opaque of length " + Integer.toUnsignedString(length));
        }
        return readFixedOpaque(length);
    }

    public String readString() {
        return new String(readOpaque(), StandardCharsets.UTF_8);
    }

    public int[] readIntArray() {
        int n = readInt();
        need(4L * n);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = buf.getInt();
        }
        return values;
    }

    /** Fails unless every byte was read: a reply longer than its type is a server bug. */
    public void end() {
        if (buf.hasRemaining()) {
            throw new AssertionError(buf.remaining() + " bytes left after the last XDR item");
        }
    }

    private void need(long bytes) {
        if (bytes < 0 || bytes > buf.remaining()) {
            throw new AssertionError("XDR item of " + bytes + " bytes with " + buf.remaining() + " left",
                    new BufferUnderflowException());
        }
    }
}

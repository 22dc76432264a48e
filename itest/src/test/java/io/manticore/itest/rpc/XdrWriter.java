package io.manticore.itest.rpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes XDR items (RFC 4506) into a growing byte array, big-endian, padded to 4 bytes. */
public final class XdrWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /** RFC 4506 4.1 and 4.2: int and unsigned int alike. */
    public XdrWriter writeInt(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    /** RFC 4506 4.5. */
    public XdrWriter writeHyper(long value) {
        writeInt((int) (value >>> 32));
        return writeInt((int) value);
    }

    /** RFC 4506 4.4. */
    public XdrWriter writeBool(boolean value) {
        return writeInt(value ? 1 : 0);
    }

    /** RFC 4506 4.9: fixed-length opaque data, padded. */
    public XdrWriter writeFixedOpaque(byte[] bytes) {
        out.writeBytes(bytes);
        return pad(bytes.length);
    }

    /** RFC 4506 4.10: variable-length opaque data, its length first. */
    public XdrWriter writeOpaque(byte[] bytes) {
        writeInt(bytes.length);
        return writeFixedOpaque(bytes);
    }

    /** RFC 4506 4.11, as UTF-8. */
    public XdrWriter writeString(String s) {
        return writeOpaque(s.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 4506 4.13: a counted array of ints. */
    public XdrWriter writeIntArray(int... values) {
        writeInt(values.length);
        for (int v : values) {
            writeInt(v);
        }
        return this;
    }

    /** Raw bytes, unpadded: for hand-made malformed messages. */
    public XdrWriter writeRaw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private XdrWriter pad(int length) {
        for (int i = length; i % 4 != 0; i++) {
            out.write(0);
        }
        return this;
    }
}

package io.manticore.protocol.oncrpc.internal.xdr;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.function.BiConsumer;

import io.netty.buffer.ByteBuf;

/**
 * Writes XDR (RFC 4506) items at a buffer's writer index, with zero fill bytes. The encoder
 * does not own the buffer, nor any buffer it copies from.
 */
public final class XdrEncoder {

    private final ByteBuf buf;

    public XdrEncoder(ByteBuf buf) {
        this.buf = buf;
    }

    public ByteBuf buffer() {
        return buf;
    }

    public XdrEncoder writeInt(int value) {
        buf.writeInt(value);
        return this;
    }

    /** The low 32 bits of {@code value}. */
    public XdrEncoder writeUnsignedInt(long value) {
        buf.writeInt((int) value);
        return this;
    }

    public XdrEncoder writeHyper(long value) {
        buf.writeLong(value);
        return this;
    }

    /** The 64 bits of {@code value}, read as unsigned by the peer. */
    public XdrEncoder writeUnsignedHyper(long value) {
        buf.writeLong(value);
        return this;
    }

    public XdrEncoder writeBool(boolean value) {
        buf.writeInt(value ? 1 : 0);
        return this;
    }

    public XdrEncoder writeEnum(int value) {
        buf.writeInt(value);
        return this;
    }

    /** RFC 4506 4.9: the bytes with no length before them. */
    public XdrEncoder writeFixedOpaque(byte[] data) {
        buf.writeBytes(data);
        pad(data.length);
        return this;
    }

    /** RFC 4506 4.10. */
    public XdrEncoder writeOpaque(byte[] data) {
        buf.writeInt(data.length);
        return writeFixedOpaque(data);
    }

    /** RFC 4506 4.10: copies the readable bytes of {@code data}, leaving its indexes alone. */
    public XdrEncoder writeOpaque(ByteBuf data) {
        int length = data.readableBytes();
        buf.writeInt(length);
        buf.writeBytes(data, data.readerIndex(), length);
        pad(length);
        return this;
    }

    /** RFC 4506 4.11, in UTF-8. */
    public XdrEncoder writeString(String value) {
        return writeOpaque(value.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 4506 4.13: a variable-length array. */
    public <T> XdrEncoder writeArray(Collection<T> items, BiConsumer<XdrEncoder, T> element) {
        buf.writeInt(items.size());
        for (T item : items) {
            element.accept(this, item);
        }
        return this;
    }

    /** RFC 4506 4.13: a variable-length array of ints. */
    public XdrEncoder writeIntArray(int[] items) {
        buf.writeInt(items.length);
        for (int item : items) {
            buf.writeInt(item);
        }
        return this;
    }

    private void pad(int length) {
        buf.writeZero(XdrDecoder.padding(length));
    }
}

package io.manticore.protocol.oncrpc.internal.xdr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.netty.buffer.ByteBuf;

/**
 * Reads XDR (RFC 4506) items from a buffer, advancing its reader index. Every length read from
 * the wire is checked against the caller's maximum and the readable bytes before use, so
 * malformed input raises {@link XdrException} and nothing else. The decoder does not own the
 * buffer: it never releases it.
 */
public final class XdrDecoder {

    private final ByteBuf buf;

    public XdrDecoder(ByteBuf buf) {
        this.buf = buf;
    }

    /** The bytes not yet decoded. */
    public int remaining() {
        return buf.readableBytes();
    }

    /** RFC 4506 4.1. */
    public int readInt() {
        need(4, "int");
        return buf.readInt();
    }

    /** RFC 4506 4.2. */
    public long readUnsignedInt() {
        need(4, "unsigned int");
        return buf.readUnsignedInt();
    }

    /** RFC 4506 4.5. */
    public long readHyper() {
        need(8, "hyper");
        return buf.readLong();
    }

    /** RFC 4506 4.5; Java has no unsigned 64-bit type, so the bits come back in a long. */
    public long readUnsignedHyper() {
        return readHyper();
    }

    /** RFC 4506 4.4: only 0 and 1 are booleans. */
    public boolean readBool() {
        int value = readInt();
        if (value == 0 || value == 1) {
            return value == 1;
        }
        throw new XdrException("bool of value " + value);
    }

    /** RFC 4506 4.3: the raw enum value. */
    public int readEnum() {
        return readInt();
    }

    /** RFC 4506 4.3: an enum mapped by {@code lookup}, which returns null for a value it lacks. */
    public <E> E readEnum(IntFunction<E> lookup) {
        int value = readInt();
        E constant = lookup.apply(value);
        if (constant == null) {
            throw new XdrException("enum value " + value + " is not defined");
        }
        return constant;
    }

    /** RFC 4506 4.9: fixed-length opaque data, copied. */
    public byte[] readFixedOpaqueBytes(int length) {
        checkPadded(length, "fixed opaque");
        byte[] data = new byte[length];
        buf.readBytes(data);
        skipPadding(length);
        return data;
    }

    /** RFC 4506 4.10: variable-length opaque data of at most {@code maxLength} bytes, copied. */
    public byte[] readOpaqueBytes(int maxLength) {
        int length = readLength(maxLength, "opaque");
        checkPadded(length, "opaque");
        byte[] data = new byte[length];
        buf.readBytes(data);
        skipPadding(length);
        return data;
    }

    /**
     * RFC 4506 4.10: variable-length opaque data of at most {@code maxLength} bytes, without a
     * copy. The caller owns the returned retained slice and must release it.
     */
    public ByteBuf readOpaqueSlice(int maxLength) {
        int length = readLength(maxLength, "opaque");
        checkPadded(length, "opaque");
        ByteBuf slice = buf.retainedSlice(buf.readerIndex(), length);
        buf.skipBytes(length);
        try {
            skipPadding(length);
        } catch (XdrException e) {
            slice.release();
            throw e;
        }
        return slice;
    }

    /**
     * RFC 4506 4.11: a string of at most {@code maxBytes} bytes, decoded as UTF-8. Malformed
     * sequences become U+FFFD; a caller that must keep raw bytes reads an opaque instead.
     */
    public String readString(int maxBytes) {
        int length = readLength(maxBytes, "string");
        checkPadded(length, "string");
        String value = buf.toString(buf.readerIndex(), length, StandardCharsets.UTF_8);
        buf.skipBytes(length);
        skipPadding(length);
        return value;
    }

    /**
     * The count of a variable-length array (RFC 4506 4.13), checked against {@code maxCount}
     * and against the readable bytes: every XDR item but void takes at least 4 bytes.
     */
    public int readArrayCount(int maxCount) {
        int count = readLength(maxCount, "array count");
        if ((long) count * 4 > buf.readableBytes()) {
            throw new XdrException("array of " + count + " items with " + buf.readableBytes() + " bytes left");
        }
        return count;
    }

    /** RFC 4506 4.13: a variable-length array of at most {@code maxCount} items. */
    public <T> List<T> readArray(int maxCount, Function<XdrDecoder, T> element) {
        int count = readArrayCount(maxCount);
        List<T> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(element.apply(this));
        }
        return items;
    }

    /** RFC 4506 4.13: a variable-length array of ints of at most {@code maxCount} items. */
    public int[] readIntArray(int maxCount) {
        int count = readArrayCount(maxCount);
        int[] items = new int[count];
        for (int i = 0; i < count; i++) {
            items[i] = buf.readInt();
        }
        return items;
    }

    private int readLength(int max, String what) {
        long length = readUnsignedInt();
        if (length > max) {
            throw new XdrException(what + " length " + length + " exceeds the maximum of " + max);
        }
        return (int) length;
    }

    private void checkPadded(int length, String what) {
        if (length < 0 || (long) length + padding(length) > buf.readableBytes()) {
            throw new XdrException(what + " of " + length + " bytes with " + buf.readableBytes() + " bytes left");
        }
    }

    // RFC 4506 3: the fill bytes are zero.
    private void skipPadding(int length) {
        int pad = padding(length);
        need(pad, "padding");
        for (int i = 0; i < pad; i++) {
            if (buf.readByte() != 0) {
                throw new XdrException("non-zero padding");
            }
        }
    }

    private void need(int bytes, String what) {
        if (buf.readableBytes() < bytes) {
            throw new XdrException(what + " needs " + bytes + " bytes, " + buf.readableBytes() + " left");
        }
    }

    /** The fill bytes that bring {@code length} to a multiple of four. */
    public static int padding(int length) {
        return -length & 3;
    }
}

package io.manticore.protocol.smb.internal.wire;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * One SMB2 request of a (possibly compound) frame: its header and the bytes from the start of its
 * header to the end of the message. Every read is checked against the message's bounds, so a
 * hostile offset or length becomes an {@link SmbDecodeException}. Body offsets count from the
 * body (byte 64); buffer offsets, as on the wire, from the header.
 */
public final class Message {

    private final Smb2Header header;
    private final ByteBuf bytes;

    /** Wraps {@code bytes} (a slice from the header to the end of the message); does not retain it. */
    public Message(Smb2Header header, ByteBuf bytes) {
        this.header = header;
        this.bytes = bytes;
    }

    public Smb2Header header() {
        return header;
    }

    /** The whole message, header included (not retained). */
    public ByteBuf bytes() {
        return bytes;
    }

    public int length() {
        return bytes.readableBytes();
    }

    /** Checks the body's StructureSize and that the fixed part of the body is present. */
    public void expectStructure(int structureSize) {
        int fixed = structureSize & ~1;
        if (length() < Smb2Header.SIZE + fixed) {
            throw new SmbDecodeException(Command.name(header.command()) + " body of " + (length() - Smb2Header.SIZE)
                    + " bytes, needs " + fixed);
        }
        int declared = u16(0);
        if (declared != structureSize) {
            throw new SmbDecodeException(Command.name(header.command()) + " structure size " + declared);
        }
    }

    public int u8(int bodyOffset) {
        return bytes.getUnsignedByte(at(bodyOffset, 1));
    }

    public int u16(int bodyOffset) {
        return bytes.getUnsignedShortLE(at(bodyOffset, 2));
    }

    public int i32(int bodyOffset) {
        return bytes.getIntLE(at(bodyOffset, 4));
    }

    public long u32(int bodyOffset) {
        return bytes.getUnsignedIntLE(at(bodyOffset, 4));
    }

    public long i64(int bodyOffset) {
        return bytes.getLongLE(at(bodyOffset, 8));
    }

    public byte[] bytes(int bodyOffset, int length) {
        byte[] out = new byte[length];
        bytes.getBytes(at(bodyOffset, length), out);
        return out;
    }

    /**
     * The slice of {@code length} bytes at {@code headerOffset} (counted from the header, as SMB2
     * buffer offsets are); an empty slice when {@code length} is 0, whatever the offset.
     */
    public ByteBuf buffer(long headerOffset, long length) {
        if (length == 0) {
            return bytes.slice(bytes.readerIndex(), 0);
        }
        if (headerOffset < Smb2Header.SIZE || length < 0 || headerOffset + length > length()) {
            throw new SmbDecodeException(Command.name(header.command()) + " buffer at " + headerOffset + " of " + length
                    + " bytes outside a message of " + length());
        }
        return bytes.slice(bytes.readerIndex() + (int) headerOffset, (int) length);
    }

    /** The bytes of a buffer (see {@link #buffer}), copied. */
    public byte[] bufferBytes(long headerOffset, long length) {
        ByteBuf slice = buffer(headerOffset, length);
        byte[] out = new byte[slice.readableBytes()];
        slice.getBytes(slice.readerIndex(), out);
        return out;
    }

    /** A UTF-16LE string buffer; an odd length is malformed. */
    public String utf16(long headerOffset, long length) {
        if ((length & 1) != 0) {
            throw new SmbDecodeException("UTF-16 string of odd length " + length);
        }
        return buffer(headerOffset, length).toString(StandardCharsets.UTF_16LE);
    }

    private int at(int bodyOffset, int size) {
        int headerOffset = Smb2Header.SIZE + bodyOffset;
        if (headerOffset + size > length()) {
            throw new SmbDecodeException(Command.name(header.command()) + " field at body offset " + bodyOffset
                    + " past a message of " + length() + " bytes");
        }
        return bytes.readerIndex() + headerOffset;
    }
}

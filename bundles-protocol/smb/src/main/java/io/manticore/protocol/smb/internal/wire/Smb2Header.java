package io.manticore.protocol.smb.internal.wire;

import io.netty.buffer.ByteBuf;

/**
 * The 64-byte SMB2 packet header (MS-SMB2 2.2.1), sync or async. In a request {@code status}
 * holds the ChannelSequence; {@code treeId} is meaningful in the sync form, {@code asyncId} in
 * the async one.
 */
public record Smb2Header(int creditCharge, int status, int command, int credits, int flags, int nextCommand,
                         long messageId, long asyncId, int treeId, long sessionId) {

    public static final int SIZE = 64;
    public static final int PROTOCOL_ID = 0xFE534D42;
    public static final int TRANSFORM_PROTOCOL_ID = 0xFD534D42;
    public static final int SIGNATURE_OFFSET = 48;
    public static final int SIGNATURE_LENGTH = 16;

    public static final int FLAG_SERVER_TO_REDIR = 0x00000001;
    public static final int FLAG_ASYNC = 0x00000002;
    public static final int FLAG_RELATED = 0x00000004;
    public static final int FLAG_SIGNED = 0x00000008;
    public static final int FLAG_DFS = 0x10000000;
    public static final int FLAG_REPLAY = 0x20000000;

    /**
     * The header at the reader index of {@code in}, which is not moved.
     *
     * @throws SmbDecodeException when fewer than 64 bytes remain or the protocol id or structure size is wrong
     */
    public static Smb2Header read(ByteBuf in) {
        int at = in.readerIndex();
        if (in.readableBytes() < SIZE) {
            throw new SmbDecodeException("SMB2 header of " + in.readableBytes() + " bytes");
        }
        if (in.getInt(at) != PROTOCOL_ID) {
            throw new SmbDecodeException("not an SMB2 message: 0x" + Integer.toHexString(in.getInt(at)));
        }
        if (in.getShortLE(at + 4) != SIZE) {
            throw new SmbDecodeException("SMB2 header structure size " + in.getShortLE(at + 4));
        }
        int flags = in.getIntLE(at + 16);
        boolean async = (flags & FLAG_ASYNC) != 0;
        return new Smb2Header(in.getUnsignedShortLE(at + 6), in.getIntLE(at + 8), in.getUnsignedShortLE(at + 12),
                in.getUnsignedShortLE(at + 14), flags, in.getIntLE(at + 20), in.getLongLE(at + 24),
                async ? in.getLongLE(at + 32) : 0, async ? 0 : in.getIntLE(at + 36), in.getLongLE(at + 40));
    }

    public boolean isAsync() {
        return (flags & FLAG_ASYNC) != 0;
    }

    public boolean isRelated() {
        return (flags & FLAG_RELATED) != 0;
    }

    public boolean isSigned() {
        return (flags & FLAG_SIGNED) != 0;
    }

    /** The credit charge as a count: 0 (2.0.2 clients) counts as one credit. */
    public int charge() {
        return Math.max(1, creditCharge);
    }

    /** Writes the 64-byte header of a response with a zero signature. */
    public static void writeResponse(ByteBuf out, int command, int status, int creditCharge, int credits, int flags,
                                     long messageId, long asyncId, int treeId, long sessionId) {
        out.writeInt(PROTOCOL_ID);
        out.writeShortLE(SIZE);
        out.writeShortLE(creditCharge);
        out.writeIntLE(status);
        out.writeShortLE(command);
        out.writeShortLE(credits);
        out.writeIntLE(flags | FLAG_SERVER_TO_REDIR);
        out.writeIntLE(0);
        out.writeLongLE(messageId);
        if ((flags & FLAG_ASYNC) != 0) {
            out.writeLongLE(asyncId);
        } else {
            out.writeIntLE(0);
            out.writeIntLE(treeId);
        }
        out.writeLongLE(sessionId);
        out.writeZero(SIGNATURE_LENGTH);
    }
}

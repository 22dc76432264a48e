package io.manticore.protocol.smb.internal;

import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Builds SMB2 requests for tests, framed with the direct-TCP header. */
public final class SmbWire {

    private SmbWire() {
    }

    /** A framed request: header with {@code command}, {@code messageId}, {@code sessionId}, {@code treeId}, then {@code body}. */
    public static ByteBuf request(int command, long messageId, int credits, long sessionId, int treeId, byte[] body) {
        ByteBuf out = Unpooled.buffer();
        out.writeInt(Smb2Header.SIZE + body.length);
        out.writeInt(Smb2Header.PROTOCOL_ID);
        out.writeShortLE(Smb2Header.SIZE);
        out.writeShortLE(1);
        out.writeIntLE(0);
        out.writeShortLE(command);
        out.writeShortLE(credits);
        out.writeIntLE(0);
        out.writeIntLE(0);
        out.writeLongLE(messageId);
        out.writeIntLE(0);
        out.writeIntLE(treeId);
        out.writeLongLE(sessionId);
        out.writeZero(16);
        out.writeBytes(body);
        return out;
    }

    /** A 3.1.1-capable NEGOTIATE body offering every dialect, with preauth, encryption and signing contexts. */
    public static byte[] negotiate311() {
        ByteBuf b = Unpooled.buffer();
        int[] dialects = {0x202, 0x210, 0x300, 0x302, 0x311};
        b.writeShortLE(36).writeShortLE(dialects.length).writeShortLE(1).writeShortLE(0).writeIntLE(0x7f);
        b.writeZero(16);
        b.writeIntLE(0).writeShortLE(3).writeShortLE(0);
        for (int d : dialects) {
            b.writeShortLE(d);
        }
        align(b);
        b.setIntLE(28, Smb2Header.SIZE + b.writerIndex());
        b.writeShortLE(1).writeShortLE(38).writeIntLE(0).writeShortLE(1).writeShortLE(32).writeShortLE(1).writeZero(32);
        align(b);
        b.writeShortLE(2).writeShortLE(10).writeIntLE(0).writeShortLE(4).writeShortLE(2).writeShortLE(1).writeShortLE(4)
                .writeShortLE(3);
        align(b);
        b.writeShortLE(8).writeShortLE(8).writeIntLE(0).writeShortLE(3).writeShortLE(2).writeShortLE(1).writeShortLE(0);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static void align(ByteBuf b) {
        b.writeZero(-(Smb2Header.SIZE + b.writerIndex()) & 7);
    }
}

package io.manticore.protocol.smb.internal.session;

import io.netty.buffer.ByteBuf;

/** SMB2_FILEID (MS-SMB2 2.2.14.1): the persistent and volatile halves of an open's id. */
public record FileId(long persistent, long volatileId) {

    /** The id a related compound request carries to mean "the file of the previous request" (MS-SMB2 3.3.5.2.7.2). */
    public static final FileId RELATED = new FileId(-1L, -1L);

    public static FileId read(ByteBuf in, int at) {
        return new FileId(in.getLongLE(at), in.getLongLE(at + 8));
    }

    public void write(ByteBuf out) {
        out.writeLongLE(persistent);
        out.writeLongLE(volatileId);
    }

    /** The 16 bytes of the id as on the wire. */
    public byte[] toBytes() {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (persistent >>> (8 * i));
            out[8 + i] = (byte) (volatileId >>> (8 * i));
        }
        return out;
    }

    public boolean isRelated() {
        return equals(RELATED);
    }
}

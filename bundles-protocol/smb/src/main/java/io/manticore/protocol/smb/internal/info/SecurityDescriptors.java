package io.manticore.protocol.smb.internal.info;

import io.manticore.api.vfs.Attrs;
import io.manticore.protocol.smb.internal.session.Access;
import io.netty.buffer.ByteBuf;

/**
 * Self-relative security descriptors (MS-DTYP 2.4.6) made from the mode bits: the owner is
 * S-1-22-1-uid, the group S-1-22-2-gid (Samba's Unix SIDs), and the DACL allows owner, group and
 * Everyone what their permission bits allow.
 */
public final class SecurityDescriptors {

    public static final int OWNER = 0x1;
    public static final int GROUP = 0x2;
    public static final int DACL = 0x4;
    private static final int SELF_RELATIVE = 0x8000;
    private static final int DACL_PRESENT = 0x0004;
    private static final int UNIX_AUTHORITY = 22;
    private static final int WORLD_AUTHORITY = 1;
    private static final int SID_SIZE_TWO = 16;
    private static final int SID_SIZE_ONE = 12;

    private SecurityDescriptors() {
    }

    /** Writes the descriptor holding the parts {@code selected} asks (OWNER, GROUP, DACL bits). */
    public static void write(ByteBuf out, Attrs attrs, int selected) {
        int start = out.writerIndex();
        boolean owner = (selected & OWNER) != 0;
        boolean group = (selected & GROUP) != 0;
        boolean dacl = (selected & DACL) != 0;
        out.writeByte(1);
        out.writeByte(0);
        out.writeShortLE(SELF_RELATIVE | (dacl ? DACL_PRESENT : 0));
        int offsets = out.writerIndex();
        out.writeZero(16);
        if (owner) {
            out.setIntLE(offsets, out.writerIndex() - start);
            sid(out, UNIX_AUTHORITY, 1, attrs.uid());
        }
        if (group) {
            out.setIntLE(offsets + 4, out.writerIndex() - start);
            sid(out, UNIX_AUTHORITY, 2, attrs.gid());
        }
        if (dacl) {
            out.setIntLE(offsets + 12, out.writerIndex() - start);
            int mode = attrs.mode();
            int aceSize = 8;
            int size = 8 + 2 * (aceSize + SID_SIZE_TWO) + aceSize + SID_SIZE_ONE;
            out.writeByte(2);
            out.writeByte(0);
            out.writeShortLE(size);
            out.writeShortLE(3);
            out.writeShortLE(0);
            ace(out, mask((mode >> 6) & 7) | Access.WRITE_DAC | Access.WRITE_OWNER | Access.WRITE_ATTRIBUTES,
                    SID_SIZE_TWO);
            sid(out, UNIX_AUTHORITY, 1, attrs.uid());
            ace(out, mask((mode >> 3) & 7), SID_SIZE_TWO);
            sid(out, UNIX_AUTHORITY, 2, attrs.gid());
            ace(out, mask(mode & 7), SID_SIZE_ONE);
            out.writeByte(1).writeByte(1).writeZero(5).writeByte(WORLD_AUTHORITY).writeIntLE(0);
        }
    }

    private static void ace(ByteBuf out, int mask, int sidSize) {
        out.writeByte(0);
        out.writeByte(0);
        out.writeShortLE(8 + sidSize);
        out.writeIntLE(mask);
    }

    /** S-1-{authority}-{first}-{second}. */
    private static void sid(ByteBuf out, int authority, int first, int second) {
        out.writeByte(1);
        out.writeByte(2);
        out.writeZero(5);
        out.writeByte(authority);
        out.writeIntLE(first);
        out.writeIntLE(second);
    }

    private static int mask(int perms) {
        int mask = Access.READ_ATTRIBUTES | Access.READ_CONTROL | Access.SYNCHRONIZE | Access.READ_EA;
        if ((perms & 4) != 0) {
            mask |= Access.FILE_GENERIC_READ;
        }
        if ((perms & 2) != 0) {
            mask |= Access.FILE_GENERIC_WRITE | Access.DELETE;
        }
        if ((perms & 1) != 0) {
            mask |= Access.FILE_GENERIC_EXECUTE;
        }
        return mask;
    }
}

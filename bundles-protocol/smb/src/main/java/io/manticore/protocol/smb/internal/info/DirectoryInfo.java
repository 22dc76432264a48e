package io.manticore.protocol.smb.internal.info;

import java.nio.charset.StandardCharsets;

import io.manticore.api.vfs.Attrs;
import io.netty.buffer.ByteBuf;

/** The QUERY_DIRECTORY entry classes (MS-FSCC 2.4): the fixed part of each and how one entry is written. */
public final class DirectoryInfo {

    public static final int DIRECTORY = 1;
    public static final int FULL_DIRECTORY = 2;
    public static final int BOTH_DIRECTORY = 3;
    public static final int NAMES = 12;
    public static final int ID_BOTH_DIRECTORY = 37;
    public static final int ID_FULL_DIRECTORY = 38;

    private DirectoryInfo() {
    }

    public static boolean supported(int infoClass) {
        return fixed(infoClass) > 0;
    }

    /** The bytes of an entry of {@code name} in {@code infoClass}, before alignment. */
    public static int size(int infoClass, String name) {
        return fixed(infoClass) + 2 * name.length();
    }

    /** Writes one entry with NextEntryOffset 0 (the caller chains entries). */
    public static void write(ByteBuf out, int infoClass, String name, Attrs attrs, long fileIndex) {
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16LE);
        out.writeIntLE(0);
        out.writeIntLE(0);
        if (infoClass == NAMES) {
            out.writeIntLE(utf16.length);
            out.writeBytes(utf16);
            return;
        }
        Times.write(out, attrs);
        out.writeLongLE(attrs.isDirectory() ? 0 : attrs.size());
        out.writeLongLE(Times.allocation(attrs));
        out.writeIntLE(FileAttributes.of(attrs, name));
        out.writeIntLE(utf16.length);
        if (infoClass != DIRECTORY) {
            out.writeIntLE(0);
        }
        if (infoClass == BOTH_DIRECTORY || infoClass == ID_BOTH_DIRECTORY) {
            out.writeByte(0);
            out.writeByte(0);
            out.writeZero(24);
        }
        if (infoClass == ID_BOTH_DIRECTORY) {
            out.writeShortLE(0);
            out.writeLongLE(attrs.fileId());
        }
        if (infoClass == ID_FULL_DIRECTORY) {
            out.writeIntLE(0);
            out.writeLongLE(attrs.fileId());
        }
        out.writeBytes(utf16);
    }

    private static int fixed(int infoClass) {
        return switch (infoClass) {
            case DIRECTORY -> 64;
            case FULL_DIRECTORY -> 68;
            case BOTH_DIRECTORY -> 94;
            case NAMES -> 12;
            case ID_BOTH_DIRECTORY -> 104;
            case ID_FULL_DIRECTORY -> 80;
            default -> 0;
        };
    }
}

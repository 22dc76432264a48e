package io.manticore.vfs.linux.internal.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileType;

/** struct statx (include/uapi/linux/stat.h) read into {@link Attrs}. */
public final class Statx {

    public static final int SIZE = 256;
    /** STATX_BASIC_STATS | STATX_BTIME. */
    public static final int WANTED = 0x7ff | 0x800;
    private static final int STATX_BTIME = 0x800;

    private static final long MASK = 0;
    private static final long NLINK = 16;
    private static final long UID = 20;
    private static final long GID = 24;
    private static final long MODE = 28;
    private static final long INO = 32;
    private static final long FILE_SIZE = 40;
    private static final long BLOCKS = 48;
    private static final long ATIME = 64;
    private static final long BTIME = 80;
    private static final long CTIME = 96;
    private static final long MTIME = 112;
    private static final long RDEV_MAJOR = 128;
    private static final long RDEV_MINOR = 132;

    private Statx() {
    }

    /** The attributes a statx call wrote into {@code buffer}. */
    public static Attrs read(MemorySegment buffer) {
        int mode = Short.toUnsignedInt(buffer.get(JAVA_SHORT, MODE));
        long ctime = time(buffer, CTIME);
        long birth = (buffer.get(JAVA_INT, MASK) & STATX_BTIME) != 0 ? time(buffer, BTIME) : ctime;
        FileType type = type(mode);
        long rdev = type == FileType.CHAR_DEVICE || type == FileType.BLOCK_DEVICE
                ? ((long) buffer.get(JAVA_INT, RDEV_MAJOR) << 32) | (buffer.get(JAVA_INT, RDEV_MINOR) & 0xffffffffL) : 0;
        return new Attrs(type, mode & 07777, buffer.get(JAVA_INT, NLINK), buffer.get(JAVA_INT, UID),
                buffer.get(JAVA_INT, GID), buffer.get(JAVA_LONG, FILE_SIZE), buffer.get(JAVA_LONG, BLOCKS) * 512, rdev,
                buffer.get(JAVA_LONG, INO), time(buffer, ATIME), time(buffer, MTIME), ctime, birth, ctime);
    }

    private static long time(MemorySegment buffer, long offset) {
        return buffer.get(JAVA_LONG, offset) * 1_000_000_000L + Integer.toUnsignedLong(buffer.get(JAVA_INT, offset + 8));
    }

    public static FileType type(int mode) {
        return switch (mode & Flags.S_IFMT) {
            case Flags.S_IFDIR -> FileType.DIRECTORY;
            case Flags.S_IFLNK -> FileType.SYMLINK;
            case Flags.S_IFCHR -> FileType.CHAR_DEVICE;
            case Flags.S_IFBLK -> FileType.BLOCK_DEVICE;
            case Flags.S_IFIFO -> FileType.FIFO;
            case Flags.S_IFSOCK -> FileType.SOCKET;
            default -> FileType.REGULAR;
        };
    }

    /** The S_IF* bits of {@code type}, for mknod. */
    public static int modeBits(FileType type) {
        return switch (type) {
            case DIRECTORY -> Flags.S_IFDIR;
            case SYMLINK -> Flags.S_IFLNK;
            case CHAR_DEVICE -> Flags.S_IFCHR;
            case BLOCK_DEVICE -> Flags.S_IFBLK;
            case FIFO -> Flags.S_IFIFO;
            case SOCKET -> Flags.S_IFSOCK;
            case REGULAR -> Flags.S_IFREG;
        };
    }
}

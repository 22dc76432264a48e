package io.manticore.vfs.linux.internal.sys;

/** The Linux constants the same on every architecture the backends run on. */
public final class Flags {

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_TRUNC = 01000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;
    /** __O_TMPFILE; O_TMPFILE is this with O_DIRECTORY. */
    public static final int O_TMPFILE_BASE = 020000000;

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int RENAME_NOREPLACE = 1;

    public static final int SEEK_SET = 0;
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    public static final int FALLOC_FL_KEEP_SIZE = 1;
    public static final int FALLOC_FL_PUNCH_HOLE = 2;

    public static final int XATTR_CREATE = 1;
    public static final int XATTR_REPLACE = 2;

    /** _IOW(0x94, 13, struct file_clone_range). */
    public static final long FICLONERANGE = 0x4020940dL;

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 060000;
    public static final int S_IFDIR = 040000;
    public static final int S_IFCHR = 020000;
    public static final int S_IFIFO = 010000;

    /** utimensat: leave this time as it is / set it to the current time. */
    public static final long UTIME_OMIT = (1L << 30) - 2;
    public static final long UTIME_NOW = (1L << 30) - 1;

    private Flags() {
    }

    public static int directory() {
        return Arch.current().directory();
    }

    public static int noFollow() {
        return Arch.current().noFollow();
    }
}

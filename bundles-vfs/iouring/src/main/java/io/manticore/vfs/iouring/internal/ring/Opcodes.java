package io.manticore.vfs.iouring.internal.ring;

/** The io_uring operation codes the backend uses (include/uapi/linux/io_uring.h). */
public final class Opcodes {

    public static final int NOP = 0;
    public static final int FSYNC = 3;
    public static final int TIMEOUT = 11;
    public static final int FALLOCATE = 17;
    public static final int OPENAT = 18;
    public static final int CLOSE = 19;
    public static final int STATX = 21;
    public static final int READ = 22;
    public static final int WRITE = 23;
    public static final int RENAMEAT = 35;
    public static final int UNLINKAT = 36;
    public static final int MKDIRAT = 37;
    public static final int SYMLINKAT = 38;
    public static final int LINKAT = 39;

    /** IORING_FSYNC_DATASYNC, in the fsync flags. */
    public static final int FSYNC_DATASYNC = 1;

    private Opcodes() {
    }
}

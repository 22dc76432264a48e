package io.manticore.vfs.linux.internal.sys;

import java.util.Map;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/** The one table from the kernel's errno to {@link VfsError}; an errno it does not name is IO. */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENODEV = 19;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    public static final int ETXTBSY = 26;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int EROFS = 30;
    public static final int EMLINK = 31;
    public static final int ERANGE = 34;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int ENODATA = 61;
    public static final int EOVERFLOW = 75;
    public static final int EOPNOTSUPP = 95;
    public static final int ESTALE = 116;
    public static final int EDQUOT = 122;

    private static final Map<Integer, VfsError> TABLE = Map.ofEntries(
            Map.entry(EPERM, VfsError.PERM),
            Map.entry(ENOENT, VfsError.NOENT),
            Map.entry(EIO, VfsError.IO),
            Map.entry(ENXIO, VfsError.NXIO),
            Map.entry(E2BIG, VfsError.RANGE),
            Map.entry(EBADF, VfsError.STALE),
            Map.entry(EAGAIN, VfsError.DELAY),
            Map.entry(ENOMEM, VfsError.DELAY),
            Map.entry(EACCES, VfsError.ACCES),
            Map.entry(EEXIST, VfsError.EXIST),
            Map.entry(EXDEV, VfsError.XDEV),
            Map.entry(ENODEV, VfsError.NODEV),
            Map.entry(ENOTDIR, VfsError.NOTDIR),
            Map.entry(EISDIR, VfsError.ISDIR),
            Map.entry(EINVAL, VfsError.INVAL),
            Map.entry(EMFILE, VfsError.DELAY),
            Map.entry(ETXTBSY, VfsError.ACCES),
            Map.entry(EFBIG, VfsError.FBIG),
            Map.entry(ENOSPC, VfsError.NOSPC),
            Map.entry(EROFS, VfsError.ROFS),
            Map.entry(EMLINK, VfsError.MLINK),
            Map.entry(ERANGE, VfsError.RANGE),
            Map.entry(ENAMETOOLONG, VfsError.NAMETOOLONG),
            Map.entry(ENOSYS, VfsError.NOTSUPP),
            Map.entry(ENOTEMPTY, VfsError.NOTEMPTY),
            Map.entry(ELOOP, VfsError.LOOP),
            Map.entry(ENODATA, VfsError.NODATA),
            Map.entry(EOVERFLOW, VfsError.FBIG),
            Map.entry(EOPNOTSUPP, VfsError.NOTSUPP),
            Map.entry(ESTALE, VfsError.STALE),
            Map.entry(EDQUOT, VfsError.DQUOT));

    private Errno() {
    }

    public static VfsError toVfs(int errno) {
        return TABLE.getOrDefault(errno, VfsError.IO);
    }

    /** {@code result} when it is not negative, else a VfsException for its errno naming {@code what}. */
    public static long check(long result, String what) {
        if (result < 0) {
            throw new VfsException(toVfs((int) -result), what + ": errno " + -result);
        }
        return result;
    }

    public static int check(int result, String what) {
        return (int) check((long) result, what);
    }
}

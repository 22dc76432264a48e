package io.manticore.protocol.nfs3.internal.xdr;

import java.util.EnumMap;
import java.util.Map;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/** nfsstat3 (RFC 1813 2.6) and the one table mapping VFS errors to it. */
public final class Nfs3Status {

    public static final int OK = 0;
    public static final int PERM = 1;
    public static final int NOENT = 2;
    public static final int IO = 5;
    public static final int NXIO = 6;
    public static final int ACCES = 13;
    public static final int EXIST = 17;
    public static final int XDEV = 18;
    public static final int NODEV = 19;
    public static final int NOTDIR = 20;
    public static final int ISDIR = 21;
    public static final int INVAL = 22;
    public static final int FBIG = 27;
    public static final int NOSPC = 28;
    public static final int ROFS = 30;
    public static final int MLINK = 31;
    public static final int NAMETOOLONG = 63;
    public static final int NOTEMPTY = 66;
    public static final int DQUOT = 69;
    public static final int STALE = 70;
    public static final int BADHANDLE = 10001;
    public static final int NOT_SYNC = 10002;
    public static final int BAD_COOKIE = 10003;
    public static final int NOTSUPP = 10004;
    public static final int TOOSMALL = 10005;
    public static final int SERVERFAULT = 10006;
    public static final int BADTYPE = 10007;
    public static final int JUKEBOX = 10008;

    private static final Map<VfsError, Integer> TABLE = new EnumMap<>(VfsError.class);

    static {
        TABLE.put(VfsError.PERM, PERM);
        TABLE.put(VfsError.NOENT, NOENT);
        TABLE.put(VfsError.IO, IO);
        TABLE.put(VfsError.NXIO, NXIO);
        TABLE.put(VfsError.ACCES, ACCES);
        TABLE.put(VfsError.EXIST, EXIST);
        TABLE.put(VfsError.XDEV, XDEV);
        TABLE.put(VfsError.NODEV, NODEV);
        TABLE.put(VfsError.NOTDIR, NOTDIR);
        TABLE.put(VfsError.ISDIR, ISDIR);
        TABLE.put(VfsError.INVAL, INVAL);
        TABLE.put(VfsError.FBIG, FBIG);
        TABLE.put(VfsError.NOSPC, NOSPC);
        TABLE.put(VfsError.ROFS, ROFS);
        TABLE.put(VfsError.MLINK, MLINK);
        TABLE.put(VfsError.NAMETOOLONG, NAMETOOLONG);
        TABLE.put(VfsError.NOTEMPTY, NOTEMPTY);
        TABLE.put(VfsError.DQUOT, DQUOT);
        // NFSv3 has no ELOOP: Linux's nfsd answers it with IO as well.
        TABLE.put(VfsError.LOOP, IO);
        TABLE.put(VfsError.NODATA, IO);
        TABLE.put(VfsError.RANGE, INVAL);
        TABLE.put(VfsError.STALE, STALE);
        TABLE.put(VfsError.BADHANDLE, BADHANDLE);
        TABLE.put(VfsError.BAD_COOKIE, BAD_COOKIE);
        TABLE.put(VfsError.NOTSUPP, NOTSUPP);
        TABLE.put(VfsError.TOOSMALL, TOOSMALL);
        TABLE.put(VfsError.SERVERFAULT, SERVERFAULT);
        TABLE.put(VfsError.BADTYPE, BADTYPE);
        TABLE.put(VfsError.DELAY, JUKEBOX);
        TABLE.put(VfsError.NOT_SYNC, NOT_SYNC);
        for (VfsError e : VfsError.values()) {
            if (!TABLE.containsKey(e)) {
                throw new ExceptionInInitializerError("no nfsstat3 for " + e);
            }
        }
    }

    private Nfs3Status() {
    }

    public static int of(VfsError error) {
        return TABLE.get(error);
    }

    /** The status for a failed stage: a VFS error's own, SERVERFAULT for anything else. */
    public static int of(Throwable failure) {
        return of(VfsException.errorOf(failure));
    }
}

package io.manticore.protocol.nfs3.internal.mount;

import java.util.EnumMap;
import java.util.Map;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/** mountstat3 (RFC 1813 5.1.5) and the table mapping VFS errors to it. */
final class MountStatus {

    static final int OK = 0;
    static final int PERM = 1;
    static final int NOENT = 2;
    static final int IO = 5;
    static final int ACCES = 13;
    static final int NOTDIR = 20;
    static final int INVAL = 22;
    static final int NAMETOOLONG = 63;
    static final int NOTSUPP = 10004;
    static final int SERVERFAULT = 10006;

    private static final Map<VfsError, Integer> TABLE = new EnumMap<>(VfsError.class);

    static {
        TABLE.put(VfsError.PERM, PERM);
        TABLE.put(VfsError.NOENT, NOENT);
        TABLE.put(VfsError.IO, IO);
        TABLE.put(VfsError.ACCES, ACCES);
        TABLE.put(VfsError.NOTDIR, NOTDIR);
        TABLE.put(VfsError.INVAL, INVAL);
        TABLE.put(VfsError.NAMETOOLONG, NAMETOOLONG);
        TABLE.put(VfsError.NOTSUPP, NOTSUPP);
        TABLE.put(VfsError.STALE, NOENT);
        TABLE.put(VfsError.LOOP, INVAL);
    }

    private MountStatus() {
    }

    /** The mountstat3 of a failed lookup; SERVERFAULT for errors MOUNT has no word for. */
    static int of(Throwable failure) {
        return TABLE.getOrDefault(VfsException.errorOf(failure), SERVERFAULT);
    }
}

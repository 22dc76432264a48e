package io.manticore.protocol.s3.internal.error;

import java.util.EnumMap;
import java.util.Map;

import io.manticore.api.vfs.VfsError;

/** The one table from VFS errors to S3 errors. */
public final class VfsErrors {

    private static final Map<VfsError, S3Error> TABLE = new EnumMap<>(VfsError.class);

    static {
        TABLE.put(VfsError.PERM, S3Error.ACCESS_DENIED);
        TABLE.put(VfsError.ACCES, S3Error.ACCESS_DENIED);
        TABLE.put(VfsError.ROFS, S3Error.ACCESS_DENIED);
        TABLE.put(VfsError.NOENT, S3Error.NO_SUCH_KEY);
        TABLE.put(VfsError.NOTDIR, S3Error.NO_SUCH_KEY);
        TABLE.put(VfsError.STALE, S3Error.NO_SUCH_KEY);
        TABLE.put(VfsError.EXIST, S3Error.KEY_CONFLICT);
        TABLE.put(VfsError.ISDIR, S3Error.KEY_CONFLICT);
        TABLE.put(VfsError.NOTEMPTY, S3Error.KEY_CONFLICT);
        TABLE.put(VfsError.NAMETOOLONG, S3Error.KEY_TOO_LONG);
        TABLE.put(VfsError.INVAL, S3Error.INVALID_ARGUMENT);
        TABLE.put(VfsError.FBIG, S3Error.ENTITY_TOO_LARGE);
        TABLE.put(VfsError.NOSPC, S3Error.ENTITY_TOO_LARGE);
        TABLE.put(VfsError.DQUOT, S3Error.ENTITY_TOO_LARGE);
        TABLE.put(VfsError.DELAY, S3Error.SLOW_DOWN);
        TABLE.put(VfsError.NOTSUPP, S3Error.NOT_IMPLEMENTED);
    }

    private VfsErrors() {
    }

    /** The S3 error for {@code error}; InternalError for those with no S3 meaning. */
    public static S3Error map(VfsError error) {
        return TABLE.getOrDefault(error, S3Error.INTERNAL_ERROR);
    }
}

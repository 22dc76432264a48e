package io.manticore.protocol.smb.internal.error;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.smb.internal.wire.NtStatus;

/** The one table from {@link VfsError} to NTSTATUS (MS-ERREF), as Windows servers answer the same conditions. */
public final class VfsStatus {

    private static final Map<VfsError, Integer> TABLE = new EnumMap<>(VfsError.class);

    static {
        TABLE.put(VfsError.PERM, NtStatus.ACCESS_DENIED);
        TABLE.put(VfsError.NOENT, NtStatus.OBJECT_NAME_NOT_FOUND);
        TABLE.put(VfsError.IO, NtStatus.IO_DEVICE_ERROR);
        TABLE.put(VfsError.NXIO, NtStatus.NO_SUCH_FILE);
        TABLE.put(VfsError.ACCES, NtStatus.ACCESS_DENIED);
        TABLE.put(VfsError.EXIST, NtStatus.OBJECT_NAME_COLLISION);
        TABLE.put(VfsError.XDEV, NtStatus.NOT_SAME_DEVICE);
        TABLE.put(VfsError.NODEV, NtStatus.NO_SUCH_FILE);
        TABLE.put(VfsError.NOTDIR, NtStatus.NOT_A_DIRECTORY);
        TABLE.put(VfsError.ISDIR, NtStatus.FILE_IS_A_DIRECTORY);
        TABLE.put(VfsError.INVAL, NtStatus.INVALID_PARAMETER);
        TABLE.put(VfsError.FBIG, NtStatus.FILE_TOO_LARGE);
        TABLE.put(VfsError.NOSPC, NtStatus.DISK_FULL);
        TABLE.put(VfsError.ROFS, NtStatus.MEDIA_WRITE_PROTECTED);
        TABLE.put(VfsError.MLINK, NtStatus.INSUFFICIENT_RESOURCES);
        TABLE.put(VfsError.NAMETOOLONG, NtStatus.OBJECT_NAME_INVALID);
        TABLE.put(VfsError.NOTEMPTY, NtStatus.DIRECTORY_NOT_EMPTY);
        TABLE.put(VfsError.DQUOT, NtStatus.QUOTA_EXCEEDED);
        TABLE.put(VfsError.LOOP, NtStatus.STOPPED_ON_SYMLINK);
        TABLE.put(VfsError.NODATA, NtStatus.NOT_FOUND);
        TABLE.put(VfsError.RANGE, NtStatus.BUFFER_TOO_SMALL);
        TABLE.put(VfsError.STALE, NtStatus.FILE_CLOSED);
        TABLE.put(VfsError.BADHANDLE, NtStatus.INVALID_HANDLE);
        TABLE.put(VfsError.BAD_COOKIE, NtStatus.INVALID_PARAMETER);
        TABLE.put(VfsError.NOTSUPP, NtStatus.NOT_SUPPORTED);
        TABLE.put(VfsError.TOOSMALL, NtStatus.BUFFER_TOO_SMALL);
        TABLE.put(VfsError.SERVERFAULT, NtStatus.INTERNAL_ERROR);
        TABLE.put(VfsError.BADTYPE, NtStatus.OBJECT_TYPE_MISMATCH);
        TABLE.put(VfsError.DELAY, NtStatus.SHARING_VIOLATION);
        TABLE.put(VfsError.NOT_SYNC, NtStatus.INVALID_PARAMETER);
    }

    private VfsStatus() {
    }

    public static int of(VfsError error) {
        return TABLE.get(error);
    }

    /** The status for a failure of a VFS stage; a failure that is not a VfsException is an internal error. */
    public static int of(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof VfsException e) {
            return of(e.error());
        }
        if (cause instanceof SmbStatusException e) {
            return e.status();
        }
        return NtStatus.INTERNAL_ERROR;
    }
}

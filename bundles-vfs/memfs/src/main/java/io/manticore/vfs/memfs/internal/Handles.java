package io.manticore.vfs.memfs.internal;

import java.nio.ByteBuffer;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/** memfs handle fragments: the inode number (8 bytes) and its generation (4 bytes). */
final class Handles {

    static final int FRAGMENT_BYTES = 12;

    /** The inode number and generation a handle carries. */
    record Key(long ino, int generation) {
    }

    private Handles() {
    }

    static FileHandle of(MountId mountId, Inode inode) {
        byte[] fragment = ByteBuffer.allocate(FRAGMENT_BYTES).putLong(inode.ino).putInt(inode.generation).array();
        return FileHandle.of(mountId, fragment);
    }

    /** BADHANDLE for a fragment of the wrong length, STALE for another mount's handle. */
    static Key decode(MountId mountId, FileHandle fh) {
        if (fh == null) {
            throw new VfsException(VfsError.BADHANDLE, "no handle");
        }
        byte[] fragment = fh.fragment();
        if (fragment.length != FRAGMENT_BYTES) {
            throw new VfsException(VfsError.BADHANDLE, "memfs handle fragment of " + fragment.length + " bytes");
        }
        if (!fh.mountId().equals(mountId)) {
            throw new VfsException(VfsError.STALE, "handle of mount " + fh.mountId());
        }
        ByteBuffer b = ByteBuffer.wrap(fragment);
        return new Key(b.getLong(), b.getInt());
    }
}

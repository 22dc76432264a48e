package io.manticore.vfs.memfs.internal;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FsStat;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.Wcc;

/** Attributes of files and of the file system. */
final class AttrOps {

    private AttrOps() {
    }

    static Attrs getattr(Filesystem fs, FileHandle fh) {
        return fs.resolve(fh).attrs();
    }

    static Wcc setattr(Filesystem fs, FileHandle fh, SetAttrs set, Guard guard) {
        Inode inode = fs.resolve(fh);
        Attrs before = inode.attrs();
        if (guard != null && !guard.admits(before)) {
            throw new VfsException(VfsError.NOT_SYNC, "ctime is " + before.ctime() + ", guard expects " + guard.ctime());
        }
        if (set.size() != null) {
            Filesystem.requireRegular(inode);
            checkSize(set.size());
            fs.space.ensure(inode.data.resizeGrowth(set.size()));
        }
        if (set.isEmpty()) {
            return new Wcc(before, before);
        }
        long now = fs.clock.now();
        if (set.size() != null) {
            inode.data.resize(set.size());
            inode.mtime = now;
        }
        if (set.uid() != null || set.gid() != null) {
            if (set.uid() != null) {
                inode.uid = set.uid();
            }
            if (set.gid() != null) {
                inode.gid = set.gid();
            }
            if (inode.isRegular()) {
                inode.mode &= ~(Attrs.S_ISUID | Attrs.S_ISGID); // POSIX chown(2): a change of owner drops set-id bits
            }
        }
        if (set.mode() != null) {
            inode.mode = set.mode() & 07777;
        }
        if (set.atime() != null) {
            inode.atime = set.atime().resolve(now);
        }
        if (set.mtime() != null) {
            inode.mtime = set.mtime().resolve(now);
        }
        if (set.birthtime() != null) {
            inode.birthtime = set.birthtime();
        }
        inode.statusChanged(now);
        return new Wcc(before, inode.attrs());
    }

    /** {@code size} when it is a valid file size; INVAL when negative, FBIG past the largest. */
    static long checkSize(long size) {
        if (size < 0) {
            throw new VfsException(VfsError.INVAL, "negative size " + size);
        }
        if (size > Blocks.MAX_FILE_SIZE) {
            throw new VfsException(VfsError.FBIG, "size " + size + " exceeds " + Blocks.MAX_FILE_SIZE);
        }
        return size;
    }

    static FsStat statfs(Filesystem fs, FileHandle fh) {
        fs.resolve(fh);
        long freeFiles = Math.max(0, fs.inodes.maxFiles() - fs.inodes.count());
        long freeBytes = fs.space.freeBytes();
        return new FsStat(fs.space.limitBytes(), freeBytes, freeBytes, fs.inodes.maxFiles(), freeFiles, freeFiles,
                Names.MAX_BYTES, Blocks.MAX_FILE_SIZE);
    }
}

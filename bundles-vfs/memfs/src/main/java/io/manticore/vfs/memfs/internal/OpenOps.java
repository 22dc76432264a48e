package io.manticore.vfs.memfs.internal;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.Opened;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.Wcc;

/** Create-or-open, open by handle, close. */
final class OpenOps {

    private OpenOps() {
    }

    static Opened openAt(Filesystem fs, Cred cred, FileHandle dirFh, String name, OpenFlags flags, SetAttrs createAttrs) {
        Inode dir = fs.directory(dirFh);
        Names.check(name);
        Attrs dirBefore = dir.attrs();
        Directory.Entry entry = dir.directory.get(name);
        if (entry != null) {
            return openExisting(fs, fs.inodes.get(entry.ino()), name, flags, new Wcc(dirBefore, dirBefore));
        }
        if (flags.mode() == CreateMode.OPEN_EXISTING) {
            throw new VfsException(VfsError.NOENT, "no entry " + name);
        }
        SetAttrs attrs = createAttrs == null ? SetAttrs.NONE : createAttrs;
        long size = checkedSize(attrs);
        Inode inode = fs.create(cred, dir, FileType.REGULAR, attrs, Filesystem.DEFAULT_FILE_MODE);
        inode.data.resize(size);
        if (flags.mode() == CreateMode.EXCLUSIVE) {
            inode.createVerifier = flags.verifier();
        }
        fs.addLink(dir, name, inode, inode.ctime);
        return new Opened(open(fs, inode), inode.attrs(), true, new Wcc(dirBefore, dir.attrs()));
    }

    private static Opened openExisting(Filesystem fs, Inode inode, String name, OpenFlags flags, Wcc dir) {
        switch (flags.mode()) {
            case CREATE_NEW -> throw new VfsException(VfsError.EXIST, "entry " + name + " exists");
            case EXCLUSIVE -> {
                if (!inode.isRegular() || inode.createVerifier == null || inode.createVerifier != flags.verifier()) {
                    throw new VfsException(VfsError.EXIST, "entry " + name + " exists");
                }
                // RFC 1813 3.3.8: the same verifier means this is a retry of our own create
                return new Opened(open(fs, inode), inode.attrs(), true, dir);
            }
            default -> {
                checkOpenable(inode);
                if (flags.truncate()) {
                    inode.data.resize(0);
                    inode.dataChanged(fs.clock.now());
                }
                return new Opened(open(fs, inode), inode.attrs(), false, dir);
            }
        }
    }

    static OpenFile open(Filesystem fs, FileHandle fh) {
        Inode inode = fs.resolve(fh);
        checkOpenable(inode);
        return open(fs, inode);
    }

    private static MemfsOpenFile open(Filesystem fs, Inode inode) {
        inode.openCount++;
        return new MemfsOpenFile(fs.handle(inode), inode, fs);
    }

    /** Closes a file opened on {@code fs}; a file of another instance (before a handover) holds nothing here. */
    static void close(Filesystem fs, OpenFile file) {
        if (file instanceof MemfsOpenFile open && open.isOpenOn(fs)) {
            open.markClosed();
            Inode inode = open.inode();
            inode.openCount--;
            if (inode.openCount == 0) {
                inode.openBeforeHandover = false;
            }
            fs.releaseIfUnreferenced(inode);
        }
    }

    /** The regular file behind an open file: the one it holds, or by its handle when it is not open on {@code fs}. */
    static Inode inodeOf(Filesystem fs, OpenFile file) {
        if (file instanceof MemfsOpenFile open && open.isOpenOn(fs)) {
            return open.inode();
        }
        return fs.regular(file.handle());
    }

    private static void checkOpenable(Inode inode) {
        switch (inode.type) {
            case REGULAR -> {
            }
            case DIRECTORY -> throw new VfsException(VfsError.ISDIR, "inode " + inode.ino + " is a directory");
            case SYMLINK -> throw new VfsException(VfsError.LOOP, "inode " + inode.ino + " is a symlink");
            default -> throw new VfsException(VfsError.INVAL, "inode " + inode.ino + " is a " + inode.type);
        }
    }

    /** The initial size a create asks for (0 when none); INVAL or FBIG when out of range. */
    static long checkedSize(SetAttrs attrs) {
        if (attrs.size() == null) {
            return 0;
        }
        return AttrOps.checkSize(attrs.size());
    }
}

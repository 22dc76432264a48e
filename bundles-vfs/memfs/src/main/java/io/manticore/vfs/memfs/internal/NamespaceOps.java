package io.manticore.vfs.memfs.internal;

import java.nio.charset.StandardCharsets;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Created;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.LinkResult;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.Wcc;

/** Names: lookup, creating objects and links, removing them. */
final class NamespaceOps {

    /** PATH_MAX: the longest symlink target. */
    static final int MAX_TARGET_BYTES = 4096;

    private NamespaceOps() {
    }

    static Lookup lookup(Filesystem fs, FileHandle dirFh, String name) {
        Inode dir = fs.directory(dirFh);
        Inode inode = fs.child(dir, name);
        return new Lookup(fs.handle(inode), inode.attrs(), dir.attrs());
    }

    static Lookup getParent(Filesystem fs, FileHandle dirFh) {
        Inode dir = fs.directory(dirFh);
        Inode parent = fs.inodes.get(dir.parent);
        return new Lookup(fs.handle(parent), parent.attrs(), dir.attrs());
    }

    static Created mkdir(Filesystem fs, Cred cred, FileHandle dirFh, String name, SetAttrs attrs) {
        return create(fs, cred, dirFh, name, FileType.DIRECTORY, attrs, Filesystem.DEFAULT_DIRECTORY_MODE, 0, null);
    }

    static Created mknod(Filesystem fs, Cred cred, FileHandle dirFh, String name, FileType type, SetAttrs attrs,
                         long rdev) {
        boolean device = switch (type) {
            case CHAR_DEVICE, BLOCK_DEVICE -> true;
            case FIFO, SOCKET -> false;
            default -> throw new VfsException(VfsError.BADTYPE, "mknod cannot make a " + type);
        };
        return create(fs, cred, dirFh, name, type, attrs, Filesystem.DEFAULT_FILE_MODE, device ? rdev : 0, null);
    }

    static Created symlink(Filesystem fs, Cred cred, FileHandle dirFh, String name, String target, SetAttrs attrs) {
        int bytes = target == null ? 0 : target.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0) {
            throw new VfsException(VfsError.INVAL, "empty symlink target");
        }
        if (bytes > MAX_TARGET_BYTES) {
            throw new VfsException(VfsError.NAMETOOLONG, "symlink target of " + bytes + " bytes");
        }
        return create(fs, cred, dirFh, name, FileType.SYMLINK, attrs, Filesystem.DEFAULT_SYMLINK_MODE, 0, target);
    }

    static String readlink(Filesystem fs, FileHandle fh) {
        Inode inode = fs.resolve(fh);
        if (inode.type != FileType.SYMLINK) {
            throw new VfsException(VfsError.INVAL, "inode " + inode.ino + " is a " + inode.type);
        }
        return inode.target;
    }

    private static Created create(Filesystem fs, Cred cred, FileHandle dirFh, String name, FileType type,
                                  SetAttrs attrs, int defaultMode, long rdev, String target) {
        Inode dir = fs.directory(dirFh);
        Names.check(name);
        if (dir.directory.get(name) != null) {
            throw new VfsException(VfsError.EXIST, "entry " + name + " exists");
        }
        Attrs dirBefore = dir.attrs();
        Inode inode = fs.create(cred, dir, type, attrs, defaultMode);
        inode.rdev = rdev;
        inode.target = target;
        fs.addLink(dir, name, inode, inode.ctime);
        return new Created(fs.handle(inode), inode.attrs(), new Wcc(dirBefore, dir.attrs()));
    }

    /** A regular file with no name, kept until {@link #linkAt} publishes it (or the mount ends). */
    static Created createUnlinked(Filesystem fs, Cred cred, FileHandle dirFh, SetAttrs attrs) {
        Inode dir = fs.directory(dirFh);
        long size = OpenOps.checkedSize(attrs);
        Attrs dirAttrs = dir.attrs();
        Inode inode = fs.create(cred, dir, FileType.REGULAR, attrs, Filesystem.DEFAULT_FILE_MODE);
        inode.awaitingLink = true;
        inode.data.resize(size);
        return new Created(fs.handle(inode), inode.attrs(), new Wcc(dirAttrs, dirAttrs));
    }

    /** Frees an unpublished file at once, or at its last close when it is open. */
    static void discardUnlinked(Filesystem fs, FileHandle fh) {
        Inode inode = fs.resolve(fh);
        if (!inode.awaitingLink) {
            throw new VfsException(VfsError.INVAL, "inode " + inode.ino + " is not an unpublished file");
        }
        inode.awaitingLink = false;
        fs.releaseIfUnreferenced(inode);
    }

    static LinkResult link(Filesystem fs, FileHandle fh, FileHandle dirFh, String name) {
        Inode inode = fs.resolve(fh);
        Inode dir = fs.directory(dirFh);
        Attrs dirBefore = dir.attrs();
        publish(fs, inode, dir, name, false);
        return new LinkResult(inode.attrs(), new Wcc(dirBefore, dir.attrs()));
    }

    static Wcc linkAt(Filesystem fs, FileHandle fh, FileHandle dirFh, String name, boolean replace) {
        Inode inode = fs.resolve(fh);
        Inode dir = fs.directory(dirFh);
        Attrs dirBefore = dir.attrs();
        publish(fs, inode, dir, name, replace);
        return new Wcc(dirBefore, dir.attrs());
    }

    private static void publish(Filesystem fs, Inode inode, Inode dir, String name, boolean replace) {
        if (inode.isDirectory()) {
            throw new VfsException(VfsError.PERM, "a directory cannot get another link");
        }
        if (inode.nlink == 0 && !inode.awaitingLink) {
            throw new VfsException(VfsError.NOENT, "inode " + inode.ino + " was removed");
        }
        Names.check(name);
        Directory.Entry existing = dir.directory.get(name);
        if (existing == null) {
            fs.addLink(dir, name, inode, fs.clock.now());
            return;
        }
        if (!replace) {
            throw new VfsException(VfsError.EXIST, "entry " + name + " exists");
        }
        if (existing.ino() == inode.ino) {
            return;
        }
        if (fs.inodes.get(existing.ino()).isDirectory()) {
            throw new VfsException(VfsError.ISDIR, "entry " + name + " is a directory");
        }
        fs.replaceLink(dir, name, inode, fs.clock.now());
    }

    static Wcc remove(Filesystem fs, FileHandle dirFh, String name) {
        Inode dir = fs.directory(dirFh);
        Inode inode = fs.child(dir, name);
        if (inode.isDirectory()) {
            throw new VfsException(VfsError.ISDIR, "entry " + name + " is a directory");
        }
        Attrs dirBefore = dir.attrs();
        fs.removeLink(dir, name, fs.clock.now());
        return new Wcc(dirBefore, dir.attrs());
    }

    static Wcc rmdir(Filesystem fs, FileHandle dirFh, String name) {
        Inode dir = fs.directory(dirFh);
        Inode inode = fs.child(dir, name);
        if (!inode.isDirectory()) {
            throw new VfsException(VfsError.NOTDIR, "entry " + name + " is a " + inode.type);
        }
        if (!inode.directory.isEmpty()) {
            throw new VfsException(VfsError.NOTEMPTY, "directory " + name + " is not empty");
        }
        Attrs dirBefore = dir.attrs();
        fs.removeLink(dir, name, fs.clock.now());
        return new Wcc(dirBefore, dir.attrs());
    }
}

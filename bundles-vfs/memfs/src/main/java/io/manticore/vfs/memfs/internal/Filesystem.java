package io.manticore.vfs.memfs.internal;

import java.util.concurrent.ThreadLocalRandom;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * Everything one mount instance holds (inodes, space, clock) and the steps the operations
 * share: resolving handles, making inodes, adding and dropping links. Not thread-safe: the
 * mount's lock guards it.
 */
final class Filesystem {

    static final int DEFAULT_FILE_MODE = 0644;
    static final int DEFAULT_DIRECTORY_MODE = 0755;
    static final int DEFAULT_SYMLINK_MODE = 0777;

    final MountId mountId;
    final InodeTable inodes;
    final SpaceAccount space;
    final NanoClock clock;
    /** The write verifier of this instance (RFC 1813 writeverf3). */
    final long writeVerifier;

    Filesystem(MountId mountId, InodeTable inodes, SpaceAccount space, NanoClock clock) {
        this.mountId = mountId;
        this.inodes = inodes;
        this.space = space;
        this.clock = clock;
        this.writeVerifier = ThreadLocalRandom.current().nextLong();
    }

    /** A new, empty file system: a root directory owned by root, with the mode of the options. */
    static Filesystem fresh(MountId mountId, MemfsOptions options, NanoClock clock) {
        Filesystem fs = new Filesystem(mountId, new InodeTable(options.maxFiles(), InodeTable.ROOT),
                new SpaceAccount(options.capacityBytes()), clock);
        Inode root = fs.newInode(FileType.DIRECTORY);
        long now = clock.now();
        root.mode = options.rootMode();
        root.nlink = 2;
        root.parent = root.ino;
        root.atime = now;
        root.mtime = now;
        root.ctime = now;
        root.birthtime = now;
        return fs;
    }

    Inode root() {
        return inodes.get(InodeTable.ROOT);
    }

    FileHandle handle(Inode inode) {
        return Handles.of(mountId, inode);
    }

    Inode resolve(FileHandle fh) {
        Handles.Key key = Handles.decode(mountId, fh);
        return inodes.resolve(key.ino(), key.generation());
    }

    /** The directory {@code fh} names; NOTDIR for anything else. */
    Inode directory(FileHandle fh) {
        Inode inode = resolve(fh);
        if (!inode.isDirectory()) {
            throw new VfsException(VfsError.NOTDIR, "inode " + inode.ino + " is a " + inode.type);
        }
        return inode;
    }

    /** The regular file {@code fh} names; ISDIR for a directory, INVAL for other types. */
    Inode regular(FileHandle fh) {
        return requireRegular(resolve(fh));
    }

    static Inode requireRegular(Inode inode) {
        if (inode.isDirectory()) {
            throw new VfsException(VfsError.ISDIR, "inode " + inode.ino + " is a directory");
        }
        if (!inode.isRegular()) {
            throw new VfsException(VfsError.INVAL, "inode " + inode.ino + " is a " + inode.type);
        }
        return inode;
    }

    /** The inode {@code name} in {@code dir} names; NOENT when absent. */
    Inode child(Inode dir, String name) {
        Directory.Entry entry = dir.directory.get(name);
        if (entry == null) {
            throw new VfsException(VfsError.NOENT, "no entry " + name);
        }
        return inodes.get(entry.ino());
    }

    /** A new inode with no attributes set yet; NOSPC when the files limit is reached. */
    Inode newInode(FileType type) {
        long ino = inodes.reserveNumber();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Inode inode = new Inode(ino, random.nextInt(), type,
                type == FileType.REGULAR ? new BlockMap(space) : null,
                type == FileType.DIRECTORY ? new Directory(nonZero(random.nextLong())) : null);
        inodes.add(inode);
        return inode;
    }

    /**
     * A new object created by {@code cred} under {@code parent}, with the attributes of
     * {@code attrs} (size aside) or the defaults; the group comes from a setgid parent, which a new
     * directory also passes on. Not yet linked.
     */
    Inode create(Cred cred, Inode parent, FileType type, SetAttrs attrs, int defaultMode) {
        Inode inode = newInode(type);
        long now = clock.now();
        int mode = (attrs.mode() != null ? attrs.mode() : defaultMode) & 07777;
        int gid = cred.gid();
        if ((parent.mode & Attrs.S_ISGID) != 0) {
            gid = parent.gid;
            if (type == FileType.DIRECTORY) {
                mode |= Attrs.S_ISGID;
            }
        }
        inode.mode = mode;
        inode.uid = attrs.uid() != null ? attrs.uid() : cred.uid();
        inode.gid = attrs.gid() != null ? attrs.gid() : gid;
        inode.atime = attrs.atime() != null ? attrs.atime().resolve(now) : now;
        inode.mtime = attrs.mtime() != null ? attrs.mtime().resolve(now) : now;
        inode.ctime = now;
        inode.birthtime = attrs.birthtime() != null ? attrs.birthtime() : now;
        if (type == FileType.DIRECTORY) {
            inode.nlink = 1; // its own "."; the entry in the parent adds the second
            inode.parent = parent.ino;
        }
        return inode;
    }

    /** Adds the entry {@code name} for {@code inode} in {@code dir}. */
    void addLink(Inode dir, String name, Inode inode, long now) {
        dir.directory.add(name, inode.ino);
        linked(dir, inode, now);
    }

    /** Points the existing entry {@code name} in {@code dir} at {@code inode}, dropping the old target's link. */
    void replaceLink(Inode dir, String name, Inode inode, long now) {
        Inode old = inodes.get(dir.directory.get(name).ino());
        dir.directory.replace(name, inode.ino);
        dropLink(dir, old, now);
        linked(dir, inode, now);
    }

    /** Removes the entry {@code name} from {@code dir} and drops its target's link. */
    void removeLink(Inode dir, String name, long now) {
        Inode inode = inodes.get(dir.directory.remove(name).ino());
        dropLink(dir, inode, now);
    }

    private void linked(Inode dir, Inode inode, long now) {
        inode.nlink++;
        inode.awaitingLink = false;
        if (inode.isDirectory()) {
            inode.parent = dir.ino;
            dir.nlink++;
        }
        inode.statusChanged(now);
        dir.dataChanged(now);
    }

    /** Drops one link of {@code inode}, whose entry in {@code dir} is already gone, and frees it when unreferenced. */
    void dropLink(Inode dir, Inode inode, long now) {
        if (inode.isDirectory()) {
            inode.nlink = 0; // its "." goes with its only name
            dir.nlink--;
        } else {
            inode.nlink--;
        }
        inode.statusChanged(now);
        dir.dataChanged(now);
        releaseIfUnreferenced(inode);
    }

    /** Frees the inode once nothing refers to it (POSIX: an unlinked file lives while it is open). */
    void releaseIfUnreferenced(Inode inode) {
        if (inode.isUnreferenced() && inodes.contains(inode.ino)) {
            inodes.free(inode);
        }
    }

    /** True when {@code dir} is {@code ancestor} or lies below it. */
    boolean isWithin(Inode dir, Inode ancestor) {
        Inode current = dir;
        while (true) {
            if (current.ino == ancestor.ino) {
                return true;
            }
            if (current.parent == current.ino) {
                return false;
            }
            current = inodes.get(current.parent);
        }
    }

    /** Releases every block of every inode. */
    void releaseAll() {
        for (Inode inode : inodes.all()) {
            if (inode.data != null) {
                inode.data.releaseAll();
            }
        }
    }

    private static long nonZero(long value) {
        return value == 0 ? 1 : value;
    }
}

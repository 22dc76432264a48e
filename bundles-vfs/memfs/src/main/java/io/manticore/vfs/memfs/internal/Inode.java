package io.manticore.vfs.memfs.internal;

import java.nio.charset.StandardCharsets;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileType;

/**
 * One file system object: its attributes and, by type, its data ({@link BlockMap}), entries
 * ({@link Directory}) or link target. Guarded by the mount's lock, like everything it holds.
 */
final class Inode {

    // A directory reports a size that follows its entries, as tmpfs does.
    private static final int DIRENT_BYTES = 32;

    final long ino;
    final int generation;
    final FileType type;
    /** The data of a regular file, else null. */
    final BlockMap data;
    /** The entries of a directory, else null. */
    final Directory directory;

    int mode;
    int nlink;
    int uid;
    int gid;
    long rdev;
    long atime;
    long mtime;
    long ctime;
    long birthtime;
    long change;
    /** The target of a symlink, else null. */
    String target;
    /** The parent of a directory ("..", the root's own number for the root). */
    long parent;
    /** The verifier of an exclusive create, or null. */
    Long createVerifier;
    /** Extended attributes, created on first use. */
    Xattrs xattrs;
    /** Open files on this inode in this mount instance. */
    int openCount;
    /** Made by createUnlinked and not yet linked: kept alive at nlink 0. */
    boolean awaitingLink;
    /** Was open in the instance that handed it over: kept at nlink 0 until its next close here. */
    boolean openBeforeHandover;

    Inode(long ino, int generation, FileType type, BlockMap data, Directory directory) {
        this.ino = ino;
        this.generation = generation;
        this.type = type;
        this.data = data;
        this.directory = directory;
    }

    boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    boolean isRegular() {
        return type == FileType.REGULAR;
    }

    /** True when nothing refers to the inode any more: no name, no open file, no pending link. */
    boolean isUnreferenced() {
        return nlink == 0 && openCount == 0 && !awaitingLink && !openBeforeHandover;
    }

    /** A status change (RFC 1813 ctime; the change counter counts every change). */
    void statusChanged(long now) {
        ctime = now;
        change++;
    }

    /** A data change: mtime and ctime. */
    void dataChanged(long now) {
        mtime = now;
        statusChanged(now);
    }

    long size() {
        return switch (type) {
            case REGULAR -> data.size();
            case DIRECTORY -> (long) DIRENT_BYTES * (directory.size() + 2);
            case SYMLINK -> target.getBytes(StandardCharsets.UTF_8).length;
            default -> 0;
        };
    }

    Attrs attrs() {
        long spaceUsed = data == null ? 0 : data.heldBytes();
        return new Attrs(type, mode, nlink, uid, gid, size(), spaceUsed, rdev, ino, atime, mtime, ctime,
                birthtime, change);
    }
}

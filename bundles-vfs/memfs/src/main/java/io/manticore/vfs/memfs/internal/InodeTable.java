package io.manticore.vfs.memfs.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * The live inodes by number. Numbers come from a counter and are never reused within a
 * mount's life (the counter is handed over too), so a handle to a freed inode stays STALE.
 */
final class InodeTable {

    static final long ROOT = 1;

    private final Map<Long, Inode> inodes = new HashMap<>();
    private final long maxFiles;
    private long nextIno;

    InodeTable(long maxFiles, long nextIno) {
        this.maxFiles = maxFiles;
        this.nextIno = nextIno;
    }

    /** The inode a handle names; STALE when it is gone or its generation differs. */
    Inode resolve(long ino, int generation) {
        Inode inode = inodes.get(ino);
        if (inode == null || inode.generation != generation) {
            throw new VfsException(VfsError.STALE, "no inode " + ino + " of generation " + generation);
        }
        return inode;
    }

    /** The inode a directory entry names; entries always name live inodes. */
    Inode get(long ino) {
        Inode inode = inodes.get(ino);
        if (inode == null) {
            throw new IllegalStateException("directory entry names freed inode " + ino);
        }
        return inode;
    }

    boolean contains(long ino) {
        return inodes.containsKey(ino);
    }

    /** The number the next inode gets, after checking that one more fits (NOSPC). */
    long reserveNumber() {
        if (inodes.size() >= maxFiles) {
            throw new VfsException(VfsError.NOSPC, "memfs holds at most " + maxFiles + " files");
        }
        return nextIno++;
    }

    void add(Inode inode) {
        inodes.put(inode.ino, inode);
    }

    /** Removes the inode and releases its blocks. */
    void free(Inode inode) {
        inodes.remove(inode.ino);
        if (inode.data != null) {
            inode.data.releaseAll();
        }
    }

    long nextIno() {
        return nextIno;
    }

    long count() {
        return inodes.size();
    }

    long maxFiles() {
        return maxFiles;
    }

    Collection<Inode> all() {
        return Collections.unmodifiableCollection(inodes.values());
    }
}

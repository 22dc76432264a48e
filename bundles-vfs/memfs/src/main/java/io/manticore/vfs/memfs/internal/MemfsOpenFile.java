package io.manticore.vfs.memfs.internal;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFile;

/** A regular file held open: it keeps the inode alive after its last name goes (POSIX). */
final class MemfsOpenFile implements OpenFile {

    private final FileHandle handle;
    private final Inode inode;
    private final Filesystem owner;
    private boolean closed;

    MemfsOpenFile(FileHandle handle, Inode inode, Filesystem owner) {
        this.handle = handle;
        this.inode = inode;
        this.owner = owner;
    }

    @Override
    public FileHandle handle() {
        return handle;
    }

    Inode inode() {
        return inode;
    }

    /** True while open on the file system instance {@code fs}. */
    boolean isOpenOn(Filesystem fs) {
        return owner == fs && !closed;
    }

    void markClosed() {
        closed = true;
    }

    @Override
    public String toString() {
        return "MemfsOpenFile[" + inode.ino + (closed ? ", closed]" : "]");
    }
}

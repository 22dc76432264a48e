package io.manticore.vfs.linux.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFile;

/** An open regular file: a real descriptor, read-only or read-write. */
final class LinuxOpenFile implements OpenFile {

    private final FileHandle handle;
    private final int fd;
    private final boolean writable;
    private final AtomicBoolean closed = new AtomicBoolean();

    LinuxOpenFile(FileHandle handle, int fd, boolean writable) {
        this.handle = handle;
        this.fd = fd;
        this.writable = writable;
    }

    @Override
    public FileHandle handle() {
        return handle;
    }

    int fd() {
        return fd;
    }

    boolean writable() {
        return writable;
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** Closes the descriptor once; {@link LinuxFs#release} is the way in. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            LinuxFs.close(fd);
        }
    }
}

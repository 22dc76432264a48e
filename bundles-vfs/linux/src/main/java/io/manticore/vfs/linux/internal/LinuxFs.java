package io.manticore.vfs.linux.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.vfs.linux.internal.sys.Errno;
import io.manticore.vfs.linux.internal.sys.Flags;
import io.manticore.vfs.linux.internal.sys.Libc;
import io.manticore.vfs.linux.internal.sys.Statx;

/**
 * One mounted host folder: its root, the handle cache, the identity switch, the files made by
 * createUnlinked and not yet named, and the small steps every operation is made of.
 */
final class LinuxFs implements AutoCloseable {

    /** Unnamed files (createUnlinked) kept at once. */
    static final int MAX_UNLINKED = 1024;

    final Handles handles;
    final Identity identity;
    final FileHandle root;
    /** Changes when the server starts, so clients re-send what an unstable write left uncommitted. */
    final long writeVerifier = new SecureRandom().nextLong();
    /** Unnamed files by handle, each with an open read-write descriptor; guarded by itself. */
    private final Map<FileHandle, Integer> unlinked = new HashMap<>();
    private boolean closed;

    LinuxFs(Handles handles, Identity identity) {
        this.handles = handles;
        this.identity = identity;
        this.root = handles.handleOf(handles.mountFd(), "");
    }

    // --- memory for the calls

    static MemorySegment name(Arena arena, String name) {
        return arena.allocateFrom(name, StandardCharsets.UTF_8);
    }

    /** "/proc/self/fd/N": the magic link through which an O_PATH descriptor is reopened or named. */
    static MemorySegment procPath(Arena arena, int fd) {
        return arena.allocateFrom("/proc/self/fd/" + fd);
    }

    // --- attributes

    /** The attributes of {@code name} in {@code dirfd}, or of {@code dirfd} itself when name is empty; never follows a symlink. */
    static Attrs stat(int dirfd, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(Statx.SIZE, 8);
            int flags = Flags.AT_SYMLINK_NOFOLLOW | (name.isEmpty() ? Flags.AT_EMPTY_PATH : 0);
            Errno.check(Libc.statx(dirfd, name(arena, name), flags, Statx.WANTED, out), "statx " + name);
            return Statx.read(out);
        }
    }

    /** The attributes of the file an O_PATH or open descriptor refers to. */
    static Attrs stat(int fd) {
        return stat(fd, "");
    }

    /** Reopens the O_PATH descriptor {@code pathFd} as a real one ({@code flags}), with the permission checks of the thread's identity. */
    static int reopen(int pathFd, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return Errno.check(Libc.openat(Flags.AT_FDCWD, procPath(arena, pathFd), flags | Flags.O_CLOEXEC, 0), "reopen");
        }
    }

    static void close(int fd) {
        Libc.close(fd);
    }

    /** Sets the permission bits exactly (the process's umask took some at creation). */
    static void chmod(int pathFd, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            Errno.check(Libc.fchmodat(Flags.AT_FDCWD, procPath(arena, pathFd), mode & 07777, 0), "chmod");
        }
    }

    // --- unnamed files

    void addUnlinked(FileHandle fh, int fd) {
        synchronized (unlinked) {
            if (unlinked.size() >= MAX_UNLINKED) {
                close(fd);
                throw new VfsException(VfsError.DELAY, MAX_UNLINKED + " unnamed files are waiting to be named or discarded");
            }
            unlinked.put(fh, fd);
        }
    }

    /** The read-write descriptor of the unnamed file {@code fh}, or -1 when it is not one. */
    int unlinkedFd(FileHandle fh) {
        synchronized (unlinked) {
            Integer fd = unlinked.get(fh);
            return fd == null ? -1 : fd;
        }
    }

    /** Forgets the unnamed file {@code fh}; its descriptor, returned, is the caller's to close; -1 when it was not one. */
    int takeUnlinked(FileHandle fh) {
        synchronized (unlinked) {
            Integer fd = unlinked.remove(fh);
            return fd == null ? -1 : fd;
        }
    }

    @Override
    public void close() {
        synchronized (unlinked) {
            if (closed) {
                return;
            }
            closed = true;
            unlinked.values().forEach(LinuxFs::close);
            unlinked.clear();
        }
        handles.close();
    }
}

package io.manticore.vfs.linux.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.vfs.linux.internal.sys.Errno;
import io.manticore.vfs.linux.internal.sys.Flags;
import io.manticore.vfs.linux.internal.sys.Libc;
import io.manticore.vfs.linux.internal.sys.Statx;

/**
 * One mounted host folder: its root, the handle cache, the identity switch, the open files, the
 * files made by createUnlinked and not yet named, and the small steps every operation is made of.
 */
final class LinuxFs implements AutoCloseable {

    /** Unnamed files (createUnlinked) kept at once. */
    static final int MAX_UNLINKED = 1024;
    /** Files open at once; core's open-file cache keeps far fewer. */
    static final int MAX_OPEN_FILES = 65536;

    final Handles handles;
    final Identity identity;
    final FileHandle root;
    /** Changes when the server starts, so clients re-send what an unstable write left uncommitted. */
    final long writeVerifier = new SecureRandom().nextLong();
    /** Unnamed files by handle, each with an open read-write descriptor; guarded by this. */
    private final Map<FileHandle, Integer> unlinked = new HashMap<>();
    /** Guarded by this. */
    private final Set<LinuxOpenFile> openFiles = new HashSet<>();
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

    /**
     * STALE when the file {@code fh} has no name left (removed, perhaps behind the server's back,
     * while a cached descriptor kept it alive) and is no unnamed file of ours; its descriptor is dropped.
     */
    void requireLinked(FileHandle fh, Attrs attrs) {
        if (attrs.nlink() == 0 && unlinkedFd(fh) < 0) {
            handles.evict(fh);
            throw new VfsException(VfsError.STALE, "the file was removed");
        }
    }

    // --- open files

    /** An open file of the descriptor {@code fd}; DELAY (the descriptor left to the caller) beyond the bound. */
    synchronized LinuxOpenFile track(FileHandle fh, int fd, boolean writable) {
        if (closed) {
            throw new VfsException(VfsError.STALE, "the mount was unmounted");
        }
        if (openFiles.size() >= MAX_OPEN_FILES) {
            throw new VfsException(VfsError.DELAY, MAX_OPEN_FILES + " files are open on this mount");
        }
        LinuxOpenFile file = new LinuxOpenFile(fh, fd, writable);
        openFiles.add(file);
        return file;
    }

    /** Closes {@code file} once. */
    void release(LinuxOpenFile file) {
        synchronized (this) {
            openFiles.remove(file);
        }
        file.close();
    }

    // --- unnamed files

    synchronized void addUnlinked(FileHandle fh, int fd) {
        if (unlinked.size() >= MAX_UNLINKED) {
            close(fd);
            throw new VfsException(VfsError.DELAY, MAX_UNLINKED + " unnamed files are waiting to be named or discarded");
        }
        unlinked.put(fh, fd);
    }

    /** The read-write descriptor of the unnamed file {@code fh}, or -1 when it is not one. */
    synchronized int unlinkedFd(FileHandle fh) {
        Integer fd = unlinked.get(fh);
        return fd == null ? -1 : fd;
    }

    /** Forgets the unnamed file {@code fh}; its descriptor, returned, is the caller's to close; -1 when it was not one. */
    synchronized int takeUnlinked(FileHandle fh) {
        Integer fd = unlinked.remove(fh);
        return fd == null ? -1 : fd;
    }

    /** Closes every descriptor: open files, unnamed files, the handle cache and the mount's own. */
    /** The unnamed files and their descriptors, which leave this mount open, for the next one to {@link #addUnlinked}. */
    Map<FileHandle, Integer> handOverUnlinked() {
        synchronized (unlinked) {
            Map<FileHandle, Integer> all = Map.copyOf(unlinked);
            unlinked.clear();
            return all;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            openFiles.forEach(LinuxOpenFile::close);
            openFiles.clear();
            unlinked.values().forEach(LinuxFs::close);
            unlinked.clear();
        }
        handles.close();
    }
}

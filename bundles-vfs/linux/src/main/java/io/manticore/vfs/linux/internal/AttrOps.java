package io.manticore.vfs.linux.internal;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.FsStat;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.TimeSpec;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.Wcc;
import io.manticore.vfs.linux.internal.sys.Errno;
import io.manticore.vfs.linux.internal.sys.Flags;
import io.manticore.vfs.linux.internal.sys.Libc;

/** Attributes: getattr, setattr (with its guard) and statfs. */
final class AttrOps {

    static final int DEFAULT_FILE_MODE = 0644;
    private static final int STATFS_SIZE = 120;

    private final LinuxFs fs;

    AttrOps(LinuxFs fs) {
        this.fs = fs;
    }

    Attrs getattr(Cred cred, FileHandle fh) {
        try (Handles.Ref f = fs.handles.acquire(fh); Identity.As as = fs.identity.as(cred)) {
            Attrs attrs = LinuxFs.stat(f.fd());
            fs.requireLinked(fh, attrs);
            return attrs;
        }
    }

    Wcc setattr(Cred cred, FileHandle fh, SetAttrs set, Guard guard) {
        try (Handles.Ref f = fs.handles.acquire(fh); Identity.As as = fs.identity.as(cred)) {
            Attrs before = LinuxFs.stat(f.fd());
            fs.requireLinked(fh, before);
            if (!guard.admits(before)) {
                throw new VfsException(VfsError.NOT_SYNC, "the attributes changed since the guard's ctime");
            }
            apply(f.fd(), set);
            return new Wcc(before, LinuxFs.stat(f.fd()));
        }
    }

    /** Applies {@code set} to the file of the O_PATH descriptor {@code fd}, as the thread's identity. */
    void apply(int fd, SetAttrs set) {
        if (set.size() != null) {
            truncate(fd, set.size());
        }
        if (set.uid() != null || set.gid() != null) {
            try (Arena arena = Arena.ofConfined()) {
                Errno.check(Libc.fchownat(fd, LinuxFs.name(arena, ""), set.uid() != null ? set.uid() : -1,
                        set.gid() != null ? set.gid() : -1, Flags.AT_EMPTY_PATH | Flags.AT_SYMLINK_NOFOLLOW), "chown");
            }
        }
        if (set.mode() != null) {
            if (LinuxFs.stat(fd).type() == FileType.SYMLINK) {
                throw new VfsException(VfsError.NOTSUPP, "a symlink's mode is fixed");
            }
            LinuxFs.chmod(fd, set.mode());
        }
        if (set.atime() != null || set.mtime() != null) {
            times(fd, set.atime(), set.mtime());
        }
        // birthtime: Linux has no call that sets it; it stays what the host filesystem recorded.
    }

    private static void truncate(int fd, long size) {
        if (size < 0) {
            throw new VfsException(VfsError.INVAL, "a negative size");
        }
        Attrs attrs = LinuxFs.stat(fd);
        if (attrs.isDirectory()) {
            throw new VfsException(VfsError.ISDIR, "a directory has no size to set");
        }
        if (!attrs.isRegular()) {
            throw new VfsException(VfsError.INVAL, "only a regular file's size is set");
        }
        int writable = LinuxFs.reopen(fd, Flags.O_WRONLY);
        try {
            Errno.check(Libc.ftruncate(writable, size), "ftruncate");
        } finally {
            LinuxFs.close(writable);
        }
    }

    private static void times(int fd, TimeSpec atime, TimeSpec mtime) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment times = arena.allocate(32, 8);
            timespec(times, 0, atime);
            timespec(times, 16, mtime);
            if (LinuxFs.stat(fd).type() == FileType.SYMLINK) {
                throw new VfsException(VfsError.NOTSUPP, "a symlink's times are not set here");
            }
            Errno.check(Libc.utimensat(Flags.AT_FDCWD, LinuxFs.procPath(arena, fd), times, 0), "utimensat");
        }
    }

    private static void timespec(MemorySegment times, long offset, TimeSpec time) {
        if (time == null) {
            times.set(JAVA_LONG, offset, 0);
            times.set(JAVA_LONG, offset + 8, Flags.UTIME_OMIT);
        } else if (time.serverTime()) {
            times.set(JAVA_LONG, offset, 0);
            times.set(JAVA_LONG, offset + 8, Flags.UTIME_NOW);
        } else {
            times.set(JAVA_LONG, offset, Math.floorDiv(time.nanos(), 1_000_000_000L));
            times.set(JAVA_LONG, offset + 8, Math.floorMod(time.nanos(), 1_000_000_000L));
        }
    }

    FsStat statfs(Cred cred, FileHandle fh) {
        try (Handles.Ref f = fs.handles.acquire(fh); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(STATFS_SIZE, 8);
            Errno.check(Libc.fstatfs(f.fd(), out), "fstatfs");
            long frsize = out.get(JAVA_LONG, 72) != 0 ? out.get(JAVA_LONG, 72) : out.get(JAVA_LONG, 8);
            long files = out.get(JAVA_LONG, 40);
            long freeFiles = out.get(JAVA_LONG, 48);
            return new FsStat(out.get(JAVA_LONG, 16) * frsize, out.get(JAVA_LONG, 24) * frsize, out.get(JAVA_LONG, 32) * frsize,
                    files, freeFiles, freeFiles, (int) out.get(JAVA_LONG, 64), Long.MAX_VALUE);
        }
    }
}

package io.manticore.vfs.linux.internal;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Committed;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.Created;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.Opened;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.TimeSpec;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.Wcc;
import io.manticore.api.vfs.Whence;
import io.manticore.api.vfs.WriteResult;
import io.manticore.vfs.linux.internal.sys.Errno;
import io.manticore.vfs.linux.internal.sys.Flags;
import io.manticore.vfs.linux.internal.sys.Libc;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/** Opening, reading and writing, syncing, unnamed files, space, holes, copies and clones. */
final class DataOps {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final LinuxFs fs;
    private final AttrOps attrs;

    DataOps(LinuxFs fs, AttrOps attrs) {
        this.fs = fs;
        this.attrs = attrs;
    }

    Opened openAt(Cred cred, FileHandle dir, String name, OpenFlags flags, SetAttrs createAttrs) {
        SetAttrs set = createAttrs == null ? SetAttrs.NONE : createAttrs;
        try (Handles.Ref d = fs.handles.acquire(dir); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            Attrs before = LinuxFs.stat(d.fd());
            MemorySegment path = LinuxFs.name(arena, name);
            int access = flags.write() ? Flags.O_RDWR : Flags.O_RDONLY;
            int base = access | Flags.noFollow() | Flags.O_CLOEXEC;
            if (flags.mode() != CreateMode.OPEN_EXISTING) {
                int mode = set.mode() != null ? set.mode() : AttrOps.DEFAULT_FILE_MODE;
                int fd = Libc.openat(d.fd(), path, base | Flags.O_CREAT | Flags.O_EXCL, mode & 07777);
                if (fd >= 0) {
                    return created(d.fd(), path, fd, flags, set.withMode(mode), before);
                }
                if (fd != -Errno.EEXIST || flags.mode() == CreateMode.CREATE_NEW) {
                    Errno.check(fd, "create " + name);
                }
                if (flags.mode() == CreateMode.EXCLUSIVE) {
                    return exclusiveRetry(d.fd(), name, flags, before);
                }
            }
            LinuxOpenFile file = track(openExisting(d.fd(), path, name, base | (flags.truncate() ? Flags.O_TRUNC : 0)), flags.write());
            return new Opened(file, LinuxFs.stat(file.fd()), false, new Wcc(before, LinuxFs.stat(d.fd())));
        }
    }

    /** The open file of the descriptor {@code fd}, which is closed when that fails. */
    private LinuxOpenFile track(int fd, boolean writable) {
        try {
            return fs.track(fs.handles.handleOf(fd, ""), fd, writable);
        } catch (RuntimeException e) {
            LinuxFs.close(fd);
            throw e;
        }
    }

    private static int openExisting(int dirfd, MemorySegment path, String name, int oflags) {
        int fd = Libc.openat(dirfd, path, oflags, 0);
        if (fd == -Errno.ELOOP) {
            throw new VfsException(VfsError.LOOP, name + " is a symlink");
        }
        if (fd == -Errno.ENXIO || fd == -Errno.ENODEV) {
            throw new VfsException(VfsError.INVAL, name + " is not a regular file");
        }
        Errno.check(fd, "open " + name);
        Attrs opened = LinuxFs.stat(fd);
        if (!opened.isRegular()) {
            LinuxFs.close(fd);
            throw new VfsException(opened.isDirectory() ? VfsError.ISDIR : VfsError.INVAL, name + " is a " + opened.type());
        }
        return fd;
    }

    /** A file just made: the mode exactly, the other attributes asked, and the verifier of an exclusive create. */
    private Opened created(int dirfd, MemorySegment path, int fd, OpenFlags flags, SetAttrs set, Attrs dirBefore) {
        try {
            int pathFd = Errno.check(Libc.openat(dirfd, path, Flags.O_PATH | Flags.noFollow() | Flags.O_CLOEXEC, 0),
                    "open the new file");
            try {
                LinuxFs.chmod(pathFd, set.mode());
                SetAttrs rest = new SetAttrs(null, set.uid(), set.gid(), set.size(), set.atime(), set.mtime(), set.birthtime());
                if (flags.mode() == CreateMode.EXCLUSIVE) {
                    // RFC 1813 3.3.8, as Linux nfsd keeps it: the verifier in atime and mtime until the client sets them.
                    rest = rest.withTimes(TimeSpec.of((flags.verifier() >>> 32 & 0x7fffffffL) * 1_000_000_000L),
                            TimeSpec.of((flags.verifier() & 0x7fffffffL) * 1_000_000_000L));
                }
                attrs.apply(pathFd, rest);
            } finally {
                LinuxFs.close(pathFd);
            }
            Attrs made = LinuxFs.stat(fd);
            return new Opened(fs.track(fs.handles.handleOf(fd, ""), fd, flags.write()), made, true,
                    new Wcc(dirBefore, LinuxFs.stat(dirfd)));
        } catch (RuntimeException e) {
            LinuxFs.close(fd);
            throw e;
        }
    }

    /** An exclusive create whose name exists: the same verifier means the client's retry of our own create. */
    private Opened exclusiveRetry(int dirfd, String name, OpenFlags flags, Attrs dirBefore) {
        Attrs existing = LinuxFs.stat(dirfd, name);
        long atimeSeconds = Math.floorDiv(existing.atime(), 1_000_000_000L);
        long mtimeSeconds = Math.floorDiv(existing.mtime(), 1_000_000_000L);
        boolean ours = existing.isRegular() && atimeSeconds == (flags.verifier() >>> 32 & 0x7fffffffL)
                && mtimeSeconds == (flags.verifier() & 0x7fffffffL);
        if (!ours) {
            throw new VfsException(VfsError.EXIST, "entry " + name + " exists");
        }
        try (Arena arena = Arena.ofConfined()) {
            LinuxOpenFile file = track(openExisting(dirfd, LinuxFs.name(arena, name), name,
                    (flags.write() ? Flags.O_RDWR : Flags.O_RDONLY) | Flags.noFollow() | Flags.O_CLOEXEC), flags.write());
            return new Opened(file, LinuxFs.stat(file.fd()), true, new Wcc(dirBefore, dirBefore));
        }
    }

    OpenFile open(Cred cred, FileHandle fh, boolean write) {
        try (Handles.Ref f = fs.handles.acquire(fh); Identity.As as = fs.identity.as(cred)) {
            Attrs attrsNow = LinuxFs.stat(f.fd());
            fs.requireLinked(fh, attrsNow);
            switch (attrsNow.type()) {
                case REGULAR -> {
                }
                case DIRECTORY -> throw new VfsException(VfsError.ISDIR, "a directory is not opened for I/O");
                case SYMLINK -> throw new VfsException(VfsError.LOOP, "a symlink is not opened for I/O");
                default -> throw new VfsException(VfsError.INVAL, "a " + attrsNow.type() + " is not opened for I/O");
            }
            int fd = LinuxFs.reopen(f.fd(), write ? Flags.O_RDWR : Flags.O_RDONLY);
            try {
                return fs.track(fh, fd, write);
            } catch (RuntimeException e) {
                LinuxFs.close(fd);
                throw e;
            }
        }
    }

    void close(OpenFile file) {
        if (file instanceof LinuxOpenFile open) {
            fs.release(open);
        }
    }

    /** Reads as the server: the descriptor was opened with the caller's rights, and pread checks none. */
    ReadResult read(Cred cred, OpenFile file, long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new VfsException(VfsError.INVAL, "a negative offset or length");
        }
        LinuxOpenFile open = openOf(file);
        // No more room than the file holds now: a read of a small file asked for megabytes stays small.
        int wanted = (int) Math.min(length, Math.max(0, LinuxFs.stat(open.fd()).size() - offset));
        ByteBuf data = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(wanted, 1));
        try {
            int done = 0;
            while (done < wanted) {
                MemorySegment into = MemorySegment.ofBuffer(data.internalNioBuffer(data.writerIndex(), wanted - done));
                long n = Errno.check(Libc.pread(open.fd(), into, wanted - done, offset + done), "pread");
                if (n == 0) {
                    break;
                }
                data.writerIndex(data.writerIndex() + (int) n);
                done += (int) n;
            }
            Attrs after = LinuxFs.stat(open.fd());
            return new ReadResult(data, offset + done >= after.size(), after);
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
    }

    /** Takes ownership of {@code data}: released whatever happens. */
    WriteResult write(Cred cred, OpenFile file, long offset, ByteBuf data, Stability stability) {
        try (Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            if (offset < 0) {
                throw new VfsException(VfsError.INVAL, "a negative offset");
            }
            LinuxOpenFile open = openOf(file);
            if (!open.writable()) {
                throw new VfsException(VfsError.ACCES, "the file was opened for reading");
            }
            Attrs before = LinuxFs.stat(open.fd());
            int count = data.readableBytes();
            long at = offset;
            for (ByteBuffer part : data.nioBuffers()) {
                MemorySegment from = part.isDirect() ? MemorySegment.ofBuffer(part) : arena.allocate(part.remaining()).copyFrom(
                        MemorySegment.ofBuffer(part));
                long left = from.byteSize();
                long done = 0;
                while (done < left) {
                    long n = Errno.check(Libc.pwrite(open.fd(), from.asSlice(done), left - done, at + done), "pwrite");
                    done += n;
                }
                at += left;
            }
            if (stability != Stability.UNSTABLE) {
                Errno.check(Libc.fsync(open.fd(), stability == Stability.DATA_SYNC), "fsync");
            }
            return new WriteResult(count, stability, fs.writeVerifier, new Wcc(before, LinuxFs.stat(open.fd())));
        } finally {
            data.release();
        }
    }

    /** Reopens the file as the server (a writer of a write-only file may commit it), then syncs it as the caller. */
    Committed commit(Cred cred, FileHandle fh) {
        try (Handles.Ref f = fs.handles.acquire(fh)) {
            Attrs before = LinuxFs.stat(f.fd());
            if (!before.isRegular() && !before.isDirectory()) {
                throw new VfsException(VfsError.INVAL, "a " + before.type() + " holds no data to commit");
            }
            int fd = LinuxFs.reopen(f.fd(), Flags.O_RDONLY | (before.isDirectory() ? Flags.directory() : 0));
            try (Identity.As as = fs.identity.as(cred)) {
                Errno.check(Libc.fsync(fd, false), "fsync");
                return new Committed(fs.writeVerifier, new Wcc(before, LinuxFs.stat(fd)));
            } finally {
                LinuxFs.close(fd);
            }
        }
    }

    Created createUnlinked(Cred cred, FileHandle dir, SetAttrs set) {
        try (Handles.Ref d = fs.handles.acquire(dir); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            Attrs before = LinuxFs.stat(d.fd());
            int mode = set.mode() != null ? set.mode() : AttrOps.DEFAULT_FILE_MODE;
            int fd = Errno.check(Libc.openat(d.fd(), LinuxFs.name(arena, "."), Flags.O_TMPFILE_BASE | Flags.directory()
                    | Flags.O_RDWR | Flags.O_CLOEXEC, mode & 07777), "O_TMPFILE");
            FileHandle fh;
            try {
                LinuxFs.chmod(fd, mode);
                attrs.apply(fd, new SetAttrs(null, set.uid(), set.gid(), set.size(), set.atime(), set.mtime(), set.birthtime()));
                fh = fs.handles.handleOf(fd, "");
            } catch (RuntimeException e) {
                LinuxFs.close(fd);
                throw e;
            }
            fs.addUnlinked(fh, fd);
            return new Created(fh, LinuxFs.stat(fd), new Wcc(before, before));
        }
    }

    Wcc linkAt(Cred cred, FileHandle fh, FileHandle dir, String name, boolean replace) {
        int fd = fs.unlinkedFd(fh);
        if (fd < 0) {
            throw new VfsException(VfsError.INVAL, "not a file made by createUnlinked, or it was named already");
        }
        try (Handles.Ref d = fs.handles.acquire(dir); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            Attrs before = LinuxFs.stat(d.fd());
            MemorySegment source = LinuxFs.procPath(arena, fd);
            if (!replace) {
                Errno.check(Libc.linkat(Flags.AT_FDCWD, source, d.fd(), LinuxFs.name(arena, name), Flags.AT_SYMLINK_FOLLOW),
                        "link " + name);
            } else {
                Attrs target = existing(d.fd(), name);
                if (target != null && target.isDirectory()) {
                    throw new VfsException(VfsError.ISDIR, name + " is a directory");
                }
                // A hidden name first, then a rename over the target: readers see the old file or the new, never neither.
                String hidden = ".manticore-publish-" + HexFormat.of().toHexDigits(RANDOM.nextLong());
                MemorySegment hiddenPath = LinuxFs.name(arena, hidden);
                Errno.check(Libc.linkat(Flags.AT_FDCWD, source, d.fd(), hiddenPath, Flags.AT_SYMLINK_FOLLOW), "link " + hidden);
                int renamed = Libc.renameat2(d.fd(), hiddenPath, d.fd(), LinuxFs.name(arena, name), 0);
                if (renamed < 0) {
                    Libc.unlinkat(d.fd(), hiddenPath, 0);
                    Errno.check(renamed, "rename over " + name);
                }
            }
            LinuxFs.close(fs.takeUnlinked(fh));
            return new Wcc(before, LinuxFs.stat(d.fd()));
        }
    }

    private static Attrs existing(int dirfd, String name) {
        try {
            return LinuxFs.stat(dirfd, name);
        } catch (VfsException e) {
            if (e.error() == VfsError.NOENT) {
                return null;
            }
            throw e;
        }
    }

    void discardUnlinked(Cred cred, FileHandle fh) {
        int fd = fs.takeUnlinked(fh);
        if (fd >= 0) {
            LinuxFs.close(fd);
            return;
        }
        try (Handles.Ref f = fs.handles.acquire(fh)) {
            throw new VfsException(LinuxFs.stat(f.fd()).nlink() > 0 ? VfsError.INVAL : VfsError.STALE,
                    "not an unnamed file");
        }
    }

    Wcc allocate(Cred cred, FileHandle fh, long offset, long length) {
        return space(cred, fh, 0, offset, length);
    }

    Wcc deallocate(Cred cred, FileHandle fh, long offset, long length) {
        return space(cred, fh, Flags.FALLOC_FL_PUNCH_HOLE | Flags.FALLOC_FL_KEEP_SIZE, offset, length);
    }

    private Wcc space(Cred cred, FileHandle fh, int mode, long offset, long length) {
        if (offset < 0 || length <= 0) {
            throw new VfsException(VfsError.INVAL, "offset " + offset + ", length " + length);
        }
        return withWritable(cred, fh, (fd, before) -> {
            Errno.check(Libc.fallocate(fd, mode, offset, length), "fallocate");
            return new Wcc(before, LinuxFs.stat(fd));
        });
    }

    long seek(Cred cred, FileHandle fh, long offset, Whence whence) {
        if (offset < 0) {
            throw new VfsException(VfsError.INVAL, "a negative offset");
        }
        try (Handles.Ref f = fs.handles.acquire(fh); Identity.As as = fs.identity.as(cred)) {
            requireRegular(LinuxFs.stat(f.fd()));
            int fd = LinuxFs.reopen(f.fd(), Flags.O_RDONLY);
            try {
                return Errno.check(Libc.lseek(fd, offset, whence == Whence.DATA ? Flags.SEEK_DATA : Flags.SEEK_HOLE), "lseek");
            } finally {
                LinuxFs.close(fd);
            }
        }
    }

    long copyRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset, long length) {
        if (srcOffset < 0 || dstOffset < 0 || length < 0) {
            throw new VfsException(VfsError.INVAL, "a negative offset or length");
        }
        try (Handles.Ref s = fs.handles.acquire(src); Handles.Ref d = fs.handles.acquire(dst);
             Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            requireRegular(LinuxFs.stat(s.fd()));
            requireRegular(LinuxFs.stat(d.fd()));
            int in = LinuxFs.reopen(s.fd(), Flags.O_RDONLY);
            int out = -1;
            try {
                out = LinuxFs.reopen(d.fd(), Flags.O_WRONLY);
                MemorySegment inOffset = arena.allocate(JAVA_LONG);
                MemorySegment outOffset = arena.allocate(JAVA_LONG);
                inOffset.set(JAVA_LONG, 0, srcOffset);
                outOffset.set(JAVA_LONG, 0, dstOffset);
                long copied = 0;
                while (copied < length) {
                    long n = Errno.check(Libc.copyFileRange(in, inOffset, out, outOffset, length - copied), "copy_file_range");
                    if (n == 0) {
                        break;
                    }
                    copied += n;
                }
                return copied;
            } finally {
                LinuxFs.close(in);
                if (out >= 0) {
                    LinuxFs.close(out);
                }
            }
        }
    }

    Wcc cloneRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset, long length) {
        try (Handles.Ref s = fs.handles.acquire(src); Handles.Ref d = fs.handles.acquire(dst);
             Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            requireRegular(LinuxFs.stat(s.fd()));
            Attrs before = LinuxFs.stat(d.fd());
            requireRegular(before);
            int in = LinuxFs.reopen(s.fd(), Flags.O_RDONLY);
            int out = -1;
            try {
                out = LinuxFs.reopen(d.fd(), Flags.O_WRONLY);
                MemorySegment range = arena.allocate(32, 8);
                range.set(JAVA_LONG, 0, in);
                range.set(JAVA_LONG, 8, srcOffset);
                range.set(JAVA_LONG, 16, length);
                range.set(JAVA_LONG, 24, dstOffset);
                int result = Libc.ioctl(out, Flags.FICLONERANGE, range);
                if (result == -Errno.EOPNOTSUPP || result == -Errno.EXDEV || result == -Errno.ENOSYS) {
                    throw new VfsException(VfsError.NOTSUPP, "the host filesystem shares no blocks");
                }
                Errno.check(result, "FICLONERANGE");
                return new Wcc(before, LinuxFs.stat(out));
            } finally {
                LinuxFs.close(in);
                if (out >= 0) {
                    LinuxFs.close(out);
                }
            }
        }
    }

    private static void requireRegular(Attrs attrs) {
        if (attrs.isDirectory()) {
            throw new VfsException(VfsError.ISDIR, "a directory");
        }
        if (attrs.type() != FileType.REGULAR) {
            throw new VfsException(VfsError.INVAL, "not a regular file");
        }
    }

    private interface WritableAction<T> {
        T run(int fd, Attrs before);
    }

    private <T> T withWritable(Cred cred, FileHandle fh, WritableAction<T> action) {
        try (Handles.Ref f = fs.handles.acquire(fh); Identity.As as = fs.identity.as(cred)) {
            Attrs before = LinuxFs.stat(f.fd());
            requireRegular(before);
            int fd = LinuxFs.reopen(f.fd(), Flags.O_WRONLY);
            try {
                return action.run(fd, before);
            } finally {
                LinuxFs.close(fd);
            }
        }
    }

    private LinuxOpenFile openOf(OpenFile file) {
        if (file instanceof LinuxOpenFile open) {
            if (!open.isOpen()) {
                throw new VfsException(VfsError.BADHANDLE, "the file was closed");
            }
            return open;
        }
        throw new VfsException(VfsError.BADHANDLE, "an open file of another mount");
    }
}

package io.manticore.vfs.linux.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Created;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.LinkResult;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.RenameResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.Wcc;
import io.manticore.vfs.linux.internal.sys.Errno;
import io.manticore.vfs.linux.internal.sys.Flags;
import io.manticore.vfs.linux.internal.sys.Libc;
import io.manticore.vfs.linux.internal.sys.Statx;

/** Names: lookup, parent, the kinds of creation, links, renames and removals. */
final class NamespaceOps {

    static final int DEFAULT_DIRECTORY_MODE = 0755;
    private static final int PATH_MAX = 4096;

    private final LinuxFs fs;
    private final AttrOps attrs;

    NamespaceOps(LinuxFs fs, AttrOps attrs) {
        this.fs = fs;
        this.attrs = attrs;
    }

    /** Opens the entry (O_PATH, never following a symlink) so that its handle and attributes are of one file, then caches it. */
    Lookup lookup(Cred cred, FileHandle dir, String name) {
        try (Handles.Ref d = fs.handles.acquire(dir); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            int fd = Errno.check(Libc.openat(d.fd(), LinuxFs.name(arena, name), Flags.O_PATH | Flags.noFollow() | Flags.O_CLOEXEC, 0),
                    "lookup " + name);
            FileHandle fh;
            Attrs found;
            try {
                fh = fs.handles.handleOf(fd, "");
                found = LinuxFs.stat(fd);
            } catch (RuntimeException e) {
                LinuxFs.close(fd);
                throw e;
            }
            fs.handles.offer(fh, fd);
            return new Lookup(fh, found, LinuxFs.stat(d.fd()));
        }
    }

    /** The parent of {@code dir}; the root is its own parent, and nothing above it is reached. */
    Lookup getParent(Cred cred, FileHandle dir) {
        if (dir.equals(fs.root)) {
            return lookupSelf(cred, dir);
        }
        try (Handles.Ref d = fs.handles.acquire(dir); Identity.As as = fs.identity.as(cred)) {
            Attrs self = LinuxFs.stat(d.fd());
            if (!self.isDirectory()) {
                throw new VfsException(VfsError.NOTDIR, "not a directory");
            }
            return new Lookup(fs.handles.handleOf(d.fd(), ".."), LinuxFs.stat(d.fd(), ".."), self);
        }
    }

    private Lookup lookupSelf(Cred cred, FileHandle dir) {
        try (Handles.Ref d = fs.handles.acquire(dir); Identity.As as = fs.identity.as(cred)) {
            Attrs self = LinuxFs.stat(d.fd());
            return new Lookup(dir, self, self);
        }
    }

    Created mkdir(Cred cred, FileHandle dir, String name, SetAttrs set) {
        int mode = set.mode() != null ? set.mode() : DEFAULT_DIRECTORY_MODE;
        return create(cred, dir, name, set, (dirfd, path) -> Libc.mkdirat(dirfd, path, mode & 07777), mode);
    }

    Created mknod(Cred cred, FileHandle dir, String name, FileType type, SetAttrs set, long rdev) {
        if (type == FileType.REGULAR || type == FileType.DIRECTORY || type == FileType.SYMLINK) {
            throw new VfsException(VfsError.BADTYPE, "mknod makes devices, FIFOs and sockets, not a " + type);
        }
        int mode = set.mode() != null ? set.mode() : AttrOps.DEFAULT_FILE_MODE;
        long dev = devT(rdev >>> 32, rdev & 0xffffffffL);
        return create(cred, dir, name, set, (dirfd, path) -> Libc.mknodat(dirfd, path, Statx.modeBits(type) | (mode & 07777), dev), mode);
    }

    Created symlink(Cred cred, FileHandle dir, String name, String target, SetAttrs set) {
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new VfsException(VfsError.INVAL, "a symlink target is not empty and holds no NUL");
        }
        try (Handles.Ref d = fs.handles.acquire(dir); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            Attrs before = LinuxFs.stat(d.fd());
            Errno.check(Libc.symlinkat(LinuxFs.name(arena, target), d.fd(), LinuxFs.name(arena, name)), "symlinkat " + name);
            FileHandle fh = fs.handles.handleOf(d.fd(), name);
            return new Created(fh, LinuxFs.stat(d.fd(), name), new Wcc(before, LinuxFs.stat(d.fd())));
        }
    }

    String readlink(Cred cred, FileHandle fh) {
        try (Handles.Ref f = fs.handles.acquire(fh); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(PATH_MAX);
            long length = Libc.readlinkat(f.fd(), LinuxFs.name(arena, ""), buffer, PATH_MAX);
            if (length == -Errno.ENOENT || length == -Errno.EINVAL) {
                throw new VfsException(VfsError.INVAL, "not a symlink");
            }
            Errno.check(length, "readlinkat");
            return new String(buffer.asSlice(0, length).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
        }
    }

    LinkResult link(Cred cred, FileHandle fh, FileHandle dir, String name) {
        try (Handles.Ref f = fs.handles.acquire(fh); Handles.Ref d = fs.handles.acquire(dir);
             Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            if (LinuxFs.stat(f.fd()).isDirectory()) {
                throw new VfsException(VfsError.PERM, "a directory has no second name");
            }
            Attrs before = LinuxFs.stat(d.fd());
            Errno.check(Libc.linkat(Flags.AT_FDCWD, LinuxFs.procPath(arena, f.fd()), d.fd(), LinuxFs.name(arena, name),
                    Flags.AT_SYMLINK_FOLLOW), "linkat " + name);
            return new LinkResult(LinuxFs.stat(f.fd()), new Wcc(before, LinuxFs.stat(d.fd())));
        }
    }

    RenameResult rename(Cred cred, FileHandle fromDir, String fromName, FileHandle toDir, String toName) {
        try (Handles.Ref from = fs.handles.acquire(fromDir); Handles.Ref to = fs.handles.acquire(toDir);
             Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            Attrs fromBefore = LinuxFs.stat(from.fd());
            Attrs toBefore = LinuxFs.stat(to.fd());
            FileHandle replaced = handleIfPresent(to.fd(), toName);
            Errno.check(Libc.renameat2(from.fd(), LinuxFs.name(arena, fromName), to.fd(), LinuxFs.name(arena, toName), 0),
                    "rename " + fromName + " to " + toName);
            if (replaced != null && !replaced.equals(handleIfPresent(to.fd(), toName))) {
                fs.handles.evict(replaced);
            }
            return new RenameResult(new Wcc(fromBefore, LinuxFs.stat(from.fd())), new Wcc(toBefore, LinuxFs.stat(to.fd())));
        }
    }

    Wcc remove(Cred cred, FileHandle dir, String name) {
        return unlink(cred, dir, name, 0);
    }

    Wcc rmdir(Cred cred, FileHandle dir, String name) {
        return unlink(cred, dir, name, Flags.AT_REMOVEDIR);
    }

    private Wcc unlink(Cred cred, FileHandle dir, String name, int flags) {
        try (Handles.Ref d = fs.handles.acquire(dir); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            Attrs before = LinuxFs.stat(d.fd());
            FileHandle victim = handleIfPresent(d.fd(), name);
            Errno.check(Libc.unlinkat(d.fd(), LinuxFs.name(arena, name), flags), "unlink " + name);
            if (victim != null) {
                fs.handles.evict(victim);
            }
            return new Wcc(before, LinuxFs.stat(d.fd()));
        }
    }

    /** The handle of {@code name} in {@code dirfd}, or null when there is no such entry. */
    private FileHandle handleIfPresent(int dirfd, String name) {
        try {
            return fs.handles.handleOf(dirfd, name);
        } catch (VfsException e) {
            return null;
        }
    }

    /** The call that makes the entry {@code path} in {@code dirfd}: 0 or -errno. */
    private interface Maker {
        int make(int dirfd, MemorySegment path);
    }

    /** Makes {@code name} with {@code maker}, then gives it the mode exactly and the other attributes asked. */
    private Created create(Cred cred, FileHandle dir, String name, SetAttrs set, Maker maker, int mode) {
        try (Handles.Ref d = fs.handles.acquire(dir); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            Attrs before = LinuxFs.stat(d.fd());
            Errno.check(maker.make(d.fd(), LinuxFs.name(arena, name)), "create " + name);
            FileHandle fh = fs.handles.handleOf(d.fd(), name);
            int made = Errno.check(Libc.openat(d.fd(), LinuxFs.name(arena, name), Flags.O_PATH | Flags.noFollow() | Flags.O_CLOEXEC, 0),
                    "open " + name);
            try {
                LinuxFs.chmod(made, mode);
                attrs.apply(made, new SetAttrs(null, set.uid(), set.gid(), set.size(), set.atime(), set.mtime(), set.birthtime()));
                return new Created(fh, LinuxFs.stat(made), new Wcc(before, LinuxFs.stat(d.fd())));
            } finally {
                LinuxFs.close(made);
            }
        }
    }

    /** glibc's makedev: the kernel's dev_t of a major and minor number. */
    static long devT(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }
}

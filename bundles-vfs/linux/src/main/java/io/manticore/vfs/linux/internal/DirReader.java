package io.manticore.vfs.linux.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.DirPage;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.vfs.linux.internal.sys.Errno;
import io.manticore.vfs.linux.internal.sys.Flags;
import io.manticore.vfs.linux.internal.sys.Libc;

/**
 * Directory pages from getdents64(2). A cookie is the kernel's own d_off of the entry, the
 * position after it, which the host filesystem keeps valid while the directory changes (a hash
 * on ext4, an index on btrfs, xfs and tmpfs, never 1 or 2 for a real entry, those being "." and
 * ".."); so the verifier is constant and a page resumes where the last one ended.
 */
final class DirReader {

    /** A constant: the host's cookies need no verifier. */
    static final long VERIFIER = 0x6c696e7578L;
    private static final int BUFFER = 64 * 1024;
    private static final long D_INO = 0;
    private static final long D_OFF = 8;
    private static final long D_RECLEN = 16;
    private static final long D_NAME = 19;

    private final LinuxFs fs;

    DirReader(LinuxFs fs) {
        this.fs = fs;
    }

    DirPage readdir(Cred cred, FileHandle dir, long cookie, long verifier, int maxEntries, AttrMask want) {
        if (verifier != 0 && verifier != VERIFIER) {
            throw new VfsException(VfsError.BAD_COOKIE, "cookie verifier does not match");
        }
        if (maxEntries < 1) {
            throw new VfsException(VfsError.TOOSMALL, "a page of " + maxEntries + " entries");
        }
        try (Handles.Ref d = fs.handles.acquire(dir); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            Attrs dirAttrs = LinuxFs.stat(d.fd());
            if (!dirAttrs.isDirectory()) {
                throw new VfsException(VfsError.NOTDIR, "not a directory");
            }
            int fd = LinuxFs.reopen(d.fd(), Flags.O_RDONLY | Flags.directory());
            try {
                if (cookie != 0) {
                    Errno.check(Libc.lseek(fd, cookie, Flags.SEEK_SET), "seek to cookie");
                }
                MemorySegment buffer = arena.allocate(BUFFER, 8);
                List<DirEntry> entries = new ArrayList<>();
                while (true) {
                    long filled = Errno.check(Libc.getdents64(fd, buffer, BUFFER), "getdents64");
                    if (filled == 0) {
                        return new DirPage(entries, VERIFIER, true, dirAttrs);
                    }
                    long at = 0;
                    while (at < filled) {
                        int reclen = Short.toUnsignedInt(buffer.get(JAVA_SHORT, at + D_RECLEN));
                        String name = name(buffer, at + D_NAME, reclen - D_NAME);
                        if (!name.equals(".") && !name.equals("..")) {
                            if (entries.size() == maxEntries) {
                                return new DirPage(entries, VERIFIER, false, dirAttrs);
                            }
                            DirEntry entry = entry(fd, name, buffer.get(JAVA_LONG, at + D_OFF), buffer.get(JAVA_LONG, at + D_INO), want);
                            if (entry != null) {
                                entries.add(entry);
                            }
                        }
                        at += reclen;
                    }
                }
            } finally {
                LinuxFs.close(fd);
            }
        }
    }

    /** The entry {@code name}; null when it went away since the kernel listed it, or is a mount point (not served). */
    private DirEntry entry(int dirfd, String name, long cookie, long ino, AttrMask want) {
        try {
            FileHandle fh = fs.handles.handleOf(dirfd, name);
            Attrs attrs = want.isEmpty() ? null : LinuxFs.stat(dirfd, name);
            return new DirEntry(name, cookie, ino, fh, attrs);
        } catch (VfsException e) {
            if (e.error() == VfsError.NOENT || e.error() == VfsError.XDEV) {
                return null;
            }
            throw e;
        }
    }

    private static String name(MemorySegment buffer, long offset, long room) {
        long length = 0;
        while (length < room && buffer.get(JAVA_BYTE, offset + length) != 0) {
            length++;
        }
        return new String(buffer.asSlice(offset, length).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }
}

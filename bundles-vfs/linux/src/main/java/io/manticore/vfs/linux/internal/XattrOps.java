package io.manticore.vfs.linux.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.XattrMode;
import io.manticore.vfs.linux.internal.sys.Errno;
import io.manticore.vfs.linux.internal.sys.Flags;
import io.manticore.vfs.linux.internal.sys.Libc;

/**
 * Extended attributes in the host's "user." namespace (the one protocols name), through the
 * file's /proc/self/fd link, since an O_PATH descriptor takes no f*xattr call. Other namespaces
 * (security, system, trusted) are neither listed nor reached.
 */
final class XattrOps {

    /** XATTR_SIZE_MAX. */
    static final int MAX_VALUE = 65536;
    private static final String NAMESPACE = "user.";

    private final LinuxFs fs;

    XattrOps(LinuxFs fs) {
        this.fs = fs;
    }

    byte[] get(Cred cred, FileHandle fh, String name) {
        checkName(name);
        try (Handles.Ref f = fs.handles.acquire(fh); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            MemorySegment path = LinuxFs.procPath(arena, f.fd());
            MemorySegment key = LinuxFs.name(arena, name);
            MemorySegment value = arena.allocate(MAX_VALUE);
            long size = Errno.check(Libc.getxattr(path, key, value, MAX_VALUE), "getxattr " + name);
            return value.asSlice(0, size).toArray(JAVA_BYTE);
        }
    }

    void set(Cred cred, FileHandle fh, String name, byte[] value, XattrMode mode) {
        checkName(name);
        if (value.length > MAX_VALUE) {
            throw new VfsException(VfsError.RANGE, "an attribute value of " + value.length + " bytes");
        }
        int flags = switch (mode) {
            case CREATE -> Flags.XATTR_CREATE;
            case REPLACE -> Flags.XATTR_REPLACE;
            case EITHER -> 0;
        };
        try (Handles.Ref f = fs.handles.acquire(fh); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, data, JAVA_BYTE, 0, value.length);
            Errno.check(Libc.setxattr(LinuxFs.procPath(arena, f.fd()), LinuxFs.name(arena, name), data, value.length, flags),
                    "setxattr " + name);
        }
    }

    List<String> list(Cred cred, FileHandle fh) {
        try (Handles.Ref f = fs.handles.acquire(fh); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            MemorySegment path = LinuxFs.procPath(arena, f.fd());
            long size = Errno.check(Libc.listxattr(path, MemorySegment.NULL, 0), "listxattr");
            MemorySegment names = arena.allocate(Math.max(1, size));
            size = Errno.check(Libc.listxattr(path, names, size), "listxattr");
            List<String> out = new ArrayList<>();
            int start = 0;
            byte[] bytes = names.asSlice(0, size).toArray(JAVA_BYTE);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    String name = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                    if (name.startsWith(NAMESPACE)) {
                        out.add(name);
                    }
                    start = i + 1;
                }
            }
            return out;
        }
    }

    void remove(Cred cred, FileHandle fh, String name) {
        checkName(name);
        try (Handles.Ref f = fs.handles.acquire(fh); Identity.As as = fs.identity.as(cred); Arena arena = Arena.ofConfined()) {
            Errno.check(Libc.removexattr(LinuxFs.procPath(arena, f.fd()), LinuxFs.name(arena, name)), "removexattr " + name);
        }
    }

    private static void checkName(String name) {
        if (!name.startsWith(NAMESPACE) || name.length() == NAMESPACE.length() || name.indexOf('\0') >= 0) {
            throw new VfsException(VfsError.NOTSUPP, "only attributes of the user namespace are served: " + name);
        }
    }
}

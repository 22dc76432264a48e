package io.manticore.vfs.linux.internal.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * The kernel's own handle of a file (struct file_handle of name_to_handle_at(2)) as the
 * fragment of a {@link FileHandle}: the handle type (4 bytes) then its bytes. It stays valid
 * across restarts of the server, so both passthrough backends use this format.
 */
public final class KernelHandle {

    /** MAX_HANDLE_SZ. */
    private static final int MAX_BYTES = 128;
    private static final int HEADER = 8;

    private KernelHandle() {
    }

    /** The host's id of the mount (in the sense of mountinfo) that the file of {@code fd} is on. */
    public static int hostMountOf(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = arena.allocate(HEADER + MAX_BYTES, 4);
            handle.set(JAVA_INT, 0, MAX_BYTES);
            MemorySegment mountOut = arena.allocate(JAVA_INT);
            check(Libc.nameToHandleAt(fd, arena.allocateFrom(""), handle, mountOut, Flags.AT_EMPTY_PATH));
            return mountOut.get(JAVA_INT, 0);
        }
    }

    /**
     * The handle of {@code name} in {@code dirfd} (or of {@code dirfd} itself when name is empty),
     * never following a symlink; XDEV when the file is on another host mount than {@code hostMount}
     * (a mount point inside the served folder), whose handles the mount's descriptor cannot open.
     */
    public static FileHandle of(MountId mountId, int dirfd, String name, int hostMount) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = arena.allocate(HEADER + MAX_BYTES, 4);
            handle.set(JAVA_INT, 0, MAX_BYTES);
            MemorySegment mountOut = arena.allocate(JAVA_INT);
            int flags = name.isEmpty() ? Flags.AT_EMPTY_PATH : 0;
            check(Libc.nameToHandleAt(dirfd, arena.allocateFrom(name), handle, mountOut, flags));
            if (mountOut.get(JAVA_INT, 0) != hostMount) {
                throw new VfsException(VfsError.XDEV, name + " is on another filesystem mounted inside the served folder");
            }
            int bytes = handle.get(JAVA_INT, 0);
            int type = handle.get(JAVA_INT, 4);
            if (4 + bytes > FileHandle.MAX_FRAGMENT) {
                throw new VfsException(VfsError.NOTSUPP, "the host filesystem's handles take " + bytes
                        + " bytes, more than a Manticore handle holds");
            }
            ByteBuffer fragment = ByteBuffer.allocate(4 + bytes).putInt(type);
            fragment.put(handle.asSlice(HEADER, bytes).toArray(JAVA_BYTE));
            return FileHandle.of(mountId, fragment.array());
        }
    }

    private static void check(int result) {
        if (result == -Errno.EOPNOTSUPP) {
            throw new VfsException(VfsError.NOTSUPP, "the host filesystem gives no file handles");
        }
        Errno.check(result, "name_to_handle_at");
    }

    /** struct file_handle of {@code fh}'s fragment, in {@code arena}; BADHANDLE for a fragment no kernel handle could be. */
    public static MemorySegment struct(FileHandle fh, Arena arena) {
        byte[] fragment = fh.fragment();
        // name_to_handle_at(2) gives whole 32-bit words: any other length is no handle of the kernel's.
        if (fragment.length < 8 || fragment.length - 4 > MAX_BYTES || fragment.length % 4 != 0) {
            throw new VfsException(VfsError.BADHANDLE, "not a kernel handle: " + fragment.length + " bytes");
        }
        MemorySegment handle = arena.allocate(HEADER + fragment.length - 4, 4);
        handle.set(JAVA_INT, 0, fragment.length - 4);
        handle.set(JAVA_INT, 4, ByteBuffer.wrap(fragment).getInt());
        MemorySegment.copy(fragment, 4, handle, JAVA_BYTE, HEADER, fragment.length - 4);
        return handle;
    }

    /** An fd of the file {@code fh} names, opened with {@code flags}; STALE when the file is gone. */
    public static int open(int mountFd, FileHandle fh, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            int fd = Libc.openByHandleAt(mountFd, struct(fh, arena), flags | Flags.O_CLOEXEC);
            if (fd == -Errno.EINVAL) {
                throw new VfsException(VfsError.BADHANDLE, "the kernel refused the handle " + Arrays.toString(fh.fragment()));
            }
            return Errno.check(fd, "open_by_handle_at");
        }
    }
}

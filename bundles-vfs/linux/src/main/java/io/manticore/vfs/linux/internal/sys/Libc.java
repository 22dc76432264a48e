package io.manticore.vfs.linux.internal.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls of the passthrough backends, through the foreign function API. Each answers
 * its result, or {@code -errno} when it fails (the kernel's convention), errno being captured at
 * the call; none throws for a failed call.
 */
public final class Libc {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");
    /** Per thread: the captured call state of that thread's calls. */
    private static final ThreadLocal<MemorySegment> STATE = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));

    private static final MethodHandle OPENAT = variadic("openat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), 3);
    private static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STATX = function("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle NAME_TO_HANDLE_AT = function("name_to_handle_at",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle OPEN_BY_HANDLE_AT = function("open_by_handle_at",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETDENTS64 = function("getdents64", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle LSEEK = function("lseek", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle PREAD = function("pread64", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle PWRITE = function("pwrite64", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle FSYNC = function("fsync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FDATASYNC = function("fdatasync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FTRUNCATE = function("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle FALLOCATE = function("fallocate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle MKDIRAT = function("mkdirat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MKNODAT = function("mknodat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
    private static final MethodHandle SYMLINKAT = function("symlinkat", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle READLINKAT = function("readlinkat", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle LINKAT = function("linkat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RENAMEAT2 = function("renameat2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle UNLINKAT = function("unlinkat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FCHMODAT = function("fchmodat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle FCHOWNAT = function("fchownat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle UTIMENSAT = function("utimensat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle FSTATFS = function("fstatfs", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle COPY_FILE_RANGE = function("copy_file_range",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle IOCTL = variadic("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), 2);
    private static final MethodHandle GETXATTR = function("getxattr", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle SETXATTR = function("setxattr", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle LISTXATTR = function("listxattr", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle REMOVEXATTR = function("removexattr", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SYSCALL1 = variadic("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG), 1);
    private static final MethodHandle SYSCALL2 = variadic("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), 1);
    private static final MethodHandle GETEUID = LINKER.downcallHandle(LIBC.find("geteuid").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT));

    private Libc() {
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name)),
                descriptor, ERRNO_OPTION);
    }

    private static MethodHandle variadic(String name, FunctionDescriptor descriptor, int firstVariadic) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name)),
                descriptor, ERRNO_OPTION, Linker.Option.firstVariadicArg(firstVariadic));
    }

    private static MemorySegment state() {
        return STATE.get();
    }

    private static long result(long value, MemorySegment state) {
        return value == -1 ? -(int) ERRNO.get(state, 0L) : value;
    }

    private static IllegalStateException broken(String call, Throwable t) {
        return new IllegalStateException("libc " + call + " could not be called", t);
    }

    public static int openat(int dirfd, MemorySegment path, int flags, int mode) {
        MemorySegment s = state();
        try {
            return (int) result((int) OPENAT.invokeExact(s, dirfd, path, flags, mode), s);
        } catch (Throwable t) {
            throw broken("openat", t);
        }
    }

    public static int close(int fd) {
        MemorySegment s = state();
        try {
            return (int) result((int) CLOSE.invokeExact(s, fd), s);
        } catch (Throwable t) {
            throw broken("close", t);
        }
    }

    public static int statx(int dirfd, MemorySegment path, int flags, int mask, MemorySegment out) {
        MemorySegment s = state();
        try {
            return (int) result((int) STATX.invokeExact(s, dirfd, path, flags, mask, out), s);
        } catch (Throwable t) {
            throw broken("statx", t);
        }
    }

    public static int nameToHandleAt(int dirfd, MemorySegment path, MemorySegment handle, MemorySegment mountId, int flags) {
        MemorySegment s = state();
        try {
            return (int) result((int) NAME_TO_HANDLE_AT.invokeExact(s, dirfd, path, handle, mountId, flags), s);
        } catch (Throwable t) {
            throw broken("name_to_handle_at", t);
        }
    }

    public static int openByHandleAt(int mountFd, MemorySegment handle, int flags) {
        MemorySegment s = state();
        try {
            return (int) result((int) OPEN_BY_HANDLE_AT.invokeExact(s, mountFd, handle, flags), s);
        } catch (Throwable t) {
            throw broken("open_by_handle_at", t);
        }
    }

    public static long getdents64(int fd, MemorySegment buffer, long size) {
        MemorySegment s = state();
        try {
            return result((long) GETDENTS64.invokeExact(s, fd, buffer, size), s);
        } catch (Throwable t) {
            throw broken("getdents64", t);
        }
    }

    public static long lseek(int fd, long offset, int whence) {
        MemorySegment s = state();
        try {
            return result((long) LSEEK.invokeExact(s, fd, offset, whence), s);
        } catch (Throwable t) {
            throw broken("lseek", t);
        }
    }

    public static long pread(int fd, MemorySegment buffer, long count, long offset) {
        MemorySegment s = state();
        try {
            return result((long) PREAD.invokeExact(s, fd, buffer, count, offset), s);
        } catch (Throwable t) {
            throw broken("pread64", t);
        }
    }

    public static long pwrite(int fd, MemorySegment buffer, long count, long offset) {
        MemorySegment s = state();
        try {
            return result((long) PWRITE.invokeExact(s, fd, buffer, count, offset), s);
        } catch (Throwable t) {
            throw broken("pwrite64", t);
        }
    }

    public static int fsync(int fd, boolean dataOnly) {
        MemorySegment s = state();
        try {
            return (int) result(dataOnly ? (int) FDATASYNC.invokeExact(s, fd) : (int) FSYNC.invokeExact(s, fd), s);
        } catch (Throwable t) {
            throw broken("fsync", t);
        }
    }

    public static int ftruncate(int fd, long length) {
        MemorySegment s = state();
        try {
            return (int) result((int) FTRUNCATE.invokeExact(s, fd, length), s);
        } catch (Throwable t) {
            throw broken("ftruncate", t);
        }
    }

    public static int fallocate(int fd, int mode, long offset, long length) {
        MemorySegment s = state();
        try {
            return (int) result((int) FALLOCATE.invokeExact(s, fd, mode, offset, length), s);
        } catch (Throwable t) {
            throw broken("fallocate", t);
        }
    }

    public static int mkdirat(int dirfd, MemorySegment path, int mode) {
        MemorySegment s = state();
        try {
            return (int) result((int) MKDIRAT.invokeExact(s, dirfd, path, mode), s);
        } catch (Throwable t) {
            throw broken("mkdirat", t);
        }
    }

    public static int mknodat(int dirfd, MemorySegment path, int mode, long dev) {
        MemorySegment s = state();
        try {
            return (int) result((int) MKNODAT.invokeExact(s, dirfd, path, mode, dev), s);
        } catch (Throwable t) {
            throw broken("mknodat", t);
        }
    }

    public static int symlinkat(MemorySegment target, int dirfd, MemorySegment path) {
        MemorySegment s = state();
        try {
            return (int) result((int) SYMLINKAT.invokeExact(s, target, dirfd, path), s);
        } catch (Throwable t) {
            throw broken("symlinkat", t);
        }
    }

    public static long readlinkat(int dirfd, MemorySegment path, MemorySegment buffer, long size) {
        MemorySegment s = state();
        try {
            return result((long) READLINKAT.invokeExact(s, dirfd, path, buffer, size), s);
        } catch (Throwable t) {
            throw broken("readlinkat", t);
        }
    }

    public static int linkat(int olddirfd, MemorySegment oldpath, int newdirfd, MemorySegment newpath, int flags) {
        MemorySegment s = state();
        try {
            return (int) result((int) LINKAT.invokeExact(s, olddirfd, oldpath, newdirfd, newpath, flags), s);
        } catch (Throwable t) {
            throw broken("linkat", t);
        }
    }

    public static int renameat2(int olddirfd, MemorySegment oldpath, int newdirfd, MemorySegment newpath, int flags) {
        MemorySegment s = state();
        try {
            return (int) result((int) RENAMEAT2.invokeExact(s, olddirfd, oldpath, newdirfd, newpath, flags), s);
        } catch (Throwable t) {
            throw broken("renameat2", t);
        }
    }

    public static int unlinkat(int dirfd, MemorySegment path, int flags) {
        MemorySegment s = state();
        try {
            return (int) result((int) UNLINKAT.invokeExact(s, dirfd, path, flags), s);
        } catch (Throwable t) {
            throw broken("unlinkat", t);
        }
    }

    public static int fchmodat(int dirfd, MemorySegment path, int mode, int flags) {
        MemorySegment s = state();
        try {
            return (int) result((int) FCHMODAT.invokeExact(s, dirfd, path, mode, flags), s);
        } catch (Throwable t) {
            throw broken("fchmodat", t);
        }
    }

    public static int fchownat(int dirfd, MemorySegment path, int uid, int gid, int flags) {
        MemorySegment s = state();
        try {
            return (int) result((int) FCHOWNAT.invokeExact(s, dirfd, path, uid, gid, flags), s);
        } catch (Throwable t) {
            throw broken("fchownat", t);
        }
    }

    public static int utimensat(int dirfd, MemorySegment path, MemorySegment times, int flags) {
        MemorySegment s = state();
        try {
            return (int) result((int) UTIMENSAT.invokeExact(s, dirfd, path, times, flags), s);
        } catch (Throwable t) {
            throw broken("utimensat", t);
        }
    }

    public static int fstatfs(int fd, MemorySegment out) {
        MemorySegment s = state();
        try {
            return (int) result((int) FSTATFS.invokeExact(s, fd, out), s);
        } catch (Throwable t) {
            throw broken("fstatfs", t);
        }
    }

    public static long copyFileRange(int in, MemorySegment inOffset, int out, MemorySegment outOffset, long length) {
        MemorySegment s = state();
        try {
            return result((long) COPY_FILE_RANGE.invokeExact(s, in, inOffset, out, outOffset, length, 0), s);
        } catch (Throwable t) {
            throw broken("copy_file_range", t);
        }
    }

    public static int ioctl(int fd, long request, MemorySegment argument) {
        MemorySegment s = state();
        try {
            return (int) result((int) IOCTL.invokeExact(s, fd, request, argument), s);
        } catch (Throwable t) {
            throw broken("ioctl", t);
        }
    }

    public static long getxattr(MemorySegment path, MemorySegment name, MemorySegment value, long size) {
        MemorySegment s = state();
        try {
            return result((long) GETXATTR.invokeExact(s, path, name, value, size), s);
        } catch (Throwable t) {
            throw broken("getxattr", t);
        }
    }

    public static int setxattr(MemorySegment path, MemorySegment name, MemorySegment value, long size, int flags) {
        MemorySegment s = state();
        try {
            return (int) result((int) SETXATTR.invokeExact(s, path, name, value, size, flags), s);
        } catch (Throwable t) {
            throw broken("setxattr", t);
        }
    }

    public static long listxattr(MemorySegment path, MemorySegment list, long size) {
        MemorySegment s = state();
        try {
            return result((long) LISTXATTR.invokeExact(s, path, list, size), s);
        } catch (Throwable t) {
            throw broken("listxattr", t);
        }
    }

    public static int removexattr(MemorySegment path, MemorySegment name) {
        MemorySegment s = state();
        try {
            return (int) result((int) REMOVEXATTR.invokeExact(s, path, name), s);
        } catch (Throwable t) {
            throw broken("removexattr", t);
        }
    }

    /**
     * The raw setfsuid system call, for this thread only: answers the previous filesystem user id
     * (the current one, unchanged, when {@code uid} is -1 or not allowed).
     */
    public static int setfsuid(int uid) {
        return identityCall(Arch.current().setfsuidSyscall(), uid, "setfsuid");
    }

    /** The raw setfsgid system call, for this thread only, answering as {@link #setfsuid}. */
    public static int setfsgid(int gid) {
        return identityCall(Arch.current().setfsgidSyscall(), gid, "setfsgid");
    }

    private static int identityCall(long number, int id, String call) {
        MemorySegment s = state();
        try {
            return (int) (long) SYSCALL1.invokeExact(s, number, Integer.toUnsignedLong(id));
        } catch (Throwable t) {
            throw broken(call, t);
        }
    }

    /** The raw setgroups system call: this thread's groups only (glibc's wrapper changes every thread's). */
    public static long setgroupsThisThread(int count, MemorySegment groups) {
        MemorySegment s = state();
        try {
            return result((long) SYSCALL2.invokeExact(s, Arch.current().setgroupsSyscall(), (long) count, groups.address()), s);
        } catch (Throwable t) {
            throw broken("setgroups", t);
        }
    }

    public static int geteuid() {
        try {
            return (int) GETEUID.invokeExact();
        } catch (Throwable t) {
            throw broken("geteuid", t);
        }
    }
}

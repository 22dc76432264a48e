package io.manticore.vfs.linux.internal;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsModule;
import io.manticore.api.vfs.VfsMount;
import io.manticore.vfs.linux.internal.sys.Errno;
import io.manticore.vfs.linux.internal.sys.Flags;
import io.manticore.vfs.linux.internal.sys.KernelHandle;
import io.manticore.vfs.linux.internal.sys.Libc;

/**
 * linux: serves a host folder through the kernel's own file handles, with blocking system
 * calls that core runs on its delegation threads, each as its caller when the server runs as root.
 */
@Component(immediate = true, service = VfsModule.class, property = VfsModule.MODULE_PROPERTY + "=" + LinuxModule.NAME)
public final class LinuxModule implements VfsModule {

    static final String NAME = "linux";
    private static final Logger LOG = LoggerFactory.getLogger(LinuxModule.class);
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.BLOCKING, Capability.XATTR,
            Capability.HARDLINKS, Capability.SYMLINKS, Capability.SPARSE, Capability.PERSISTENT);

    private final Path home;
    private final Identity identity;

    @Activate
    public LinuxModule(BundleContext context) {
        this(homeOf(context.getProperty("manticore.home")), Identity.forProcess());
        LOG.info("linux module active ({})", identity.enforces()
                ? "each call runs as its caller; the kernel checks permissions"
                : "not root: calls run as the server's user, and core checks permissions");
    }

    LinuxModule(Path home, Identity identity) {
        this.home = home;
        this.identity = identity;
    }

    private static Path homeOf(String property) {
        return (property == null ? Path.of("") : Path.of(property)).toAbsolutePath();
    }

    @Deactivate
    void deactivate() {
        LOG.info("linux module stopped");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /**
     * Mounts the host folder {@code spec.path()} (relative to the server's home).
     *
     * @throws VfsException NOENT or NOTDIR for a path that is no folder, PERM without the
     *                      privilege to open files by handle, NOTSUPP when the host filesystem has
     *                      no handles or handles too long for a Manticore handle, BADTYPE for
     *                      state handed over
     */
    @Override
    public VfsMount mount(MountSpec spec, MountState previous) {
        Path folder = home.resolve(spec.path()).normalize();
        int mountFd;
        try (Arena arena = Arena.ofConfined()) {
            mountFd = Libc.openat(Flags.AT_FDCWD, arena.allocateFrom(folder.toString()),
                    Flags.O_RDONLY | Flags.directory() | Flags.O_CLOEXEC, 0);
        }
        if (mountFd == -Errno.ENOENT) {
            throw new VfsException(VfsError.NOENT, "mount " + spec.name() + ": the folder " + folder + " does not exist");
        }
        if (mountFd == -Errno.ENOTDIR) {
            throw new VfsException(VfsError.NOTDIR, "mount " + spec.name() + ": " + folder + " is not a folder");
        }
        Errno.check(mountFd, "mount " + spec.name() + ": open the folder " + folder);
        try {
            Handles handles = new Handles(spec.mountId(), mountFd, Handles.CAPACITY);
            LinuxFs fs = new LinuxFs(handles, identity);
            checkHandlesOpen(mountFd, fs.root, folder);
            boolean clones = probeClone(mountFd);
            LOG.info("linux mount {} serves {}{}", spec.name(), folder, clones ? " (reflinks: yes)" : "");
            LinuxMount mount = new LinuxMount(fs, clones);
            if (previous != null) {
                mount.adopt(previous);
            }
            return mount;
        } catch (RuntimeException e) {
            Libc.close(mountFd);
            throw e;
        }
    }

    private static void checkHandlesOpen(int mountFd, FileHandle root, Path folder) {
        int fd;
        try {
            fd = KernelHandle.open(mountFd, root, Flags.O_PATH);
        } catch (VfsException e) {
            if (e.error() == VfsError.PERM) {
                throw new VfsException(VfsError.PERM, "the linux module opens files by their kernel handles, which needs"
                        + " CAP_DAC_READ_SEARCH (run the server as root): cannot serve " + folder);
            }
            throw e;
        }
        Libc.close(fd);
    }

    /** Whether the host filesystem shares blocks (FICLONERANGE between two unnamed files succeeds). */
    private static boolean probeClone(int mountFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment here = arena.allocateFrom(".");
            int flags = Flags.O_TMPFILE_BASE | Flags.directory() | Flags.O_RDWR | Flags.O_CLOEXEC;
            int a = Libc.openat(mountFd, here, flags, 0600);
            int b = a < 0 ? -1 : Libc.openat(mountFd, here, flags, 0600);
            try {
                if (a < 0 || b < 0) {
                    return false;
                }
                MemorySegment range = arena.allocate(32, 8);
                range.set(JAVA_LONG, 0, a);
                return Libc.ioctl(b, Flags.FICLONERANGE, range) == 0;
            } finally {
                if (a >= 0) {
                    Libc.close(a);
                }
                if (b >= 0) {
                    Libc.close(b);
                }
            }
        }
    }
}

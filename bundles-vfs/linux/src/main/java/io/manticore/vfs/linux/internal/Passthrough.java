package io.manticore.vfs.linux.internal;

import java.nio.file.Path;

import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsMount;

/**
 * What the io_uring backend, which embeds this package, takes from the linux backend: the same
 * mount (handles, identity, semantics) for everything it does not do through its ring, and the
 * descriptors of the files it opened.
 */
public final class Passthrough {

    private Passthrough() {
    }

    /** A linux mount of {@code spec}, its path relative to {@code home}, taking {@code previous} (or null); every call blocks. */
    public static VfsMount mount(MountSpec spec, Path home, MountState previous) {
        return new LinuxModule(home, Identity.forProcess()).mount(spec, previous);
    }

    /** The descriptor of a file a passthrough mount opened; BADHANDLE for another mount's. */
    public static int fd(OpenFile file) {
        return openOf(file).fd();
    }

    public static boolean writable(OpenFile file) {
        return openOf(file).writable();
    }

    /** The verifier the mount's unstable writes answer: it changes when the server starts. */
    public static long writeVerifier(VfsMount mount) {
        if (mount instanceof LinuxMount linux) {
            return linux.writeVerifier();
        }
        throw new IllegalArgumentException("not a passthrough mount: " + mount);
    }

    private static LinuxOpenFile openOf(OpenFile file) {
        if (file instanceof LinuxOpenFile open) {
            return open;
        }
        throw new VfsException(VfsError.BADHANDLE, "an open file of another mount");
    }
}

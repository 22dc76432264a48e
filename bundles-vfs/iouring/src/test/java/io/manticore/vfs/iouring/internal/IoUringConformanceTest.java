package io.manticore.vfs.iouring.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.junit.runner.RunWith;

import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.VfsMount;
import io.manticore.vfs.conformance.BackendUnderTest;
import io.manticore.vfs.conformance.VfsConformance;

/** The backend conformance suite on the iouring backend, over a folder of the test's own, as its user. */
@RunWith(VfsConformance.class)
public class IoUringConformanceTest implements BackendUnderTest {

    private static final IoUringModule MODULE = new IoUringModule(Path.of("/"));

    @Override
    public VfsMount mount(MountSpec spec) throws Exception {
        Files.setAttribute(Path.of(spec.path()), "unix:uid", 1000);
        Files.setAttribute(Path.of(spec.path()), "unix:gid", 1000);
        return MODULE.mount(spec, null);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.ENFORCES_PERMISSIONS, Capability.XATTR, Capability.HARDLINKS, Capability.SYMLINKS,
                Capability.SPARSE, Capability.PERSISTENT);
    }
}

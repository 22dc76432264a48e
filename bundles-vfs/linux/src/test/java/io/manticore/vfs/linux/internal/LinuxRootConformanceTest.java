package io.manticore.vfs.linux.internal;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.junit.runner.RunWith;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.VfsMount;
import io.manticore.vfs.conformance.BackendUnderTest;
import io.manticore.vfs.conformance.VfsConformance;

/** The conformance suite again, calling as root: the tests that need a privileged caller (chown, devices) run here. */
@RunWith(VfsConformance.class)
public class LinuxRootConformanceTest implements BackendUnderTest {

    @Override
    public VfsMount mount(MountSpec spec) {
        return new LinuxModule(Path.of("/"), Identity.forProcess()).mount(spec, null);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.BLOCKING, Capability.ENFORCES_PERMISSIONS, Capability.XATTR, Capability.HARDLINKS,
                Capability.SYMLINKS, Capability.SPARSE, Capability.PERSISTENT);
    }

    @Override
    public Cred cred() {
        return Cred.ROOT;
    }
}

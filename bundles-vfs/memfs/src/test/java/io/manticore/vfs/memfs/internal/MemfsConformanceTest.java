package io.manticore.vfs.memfs.internal;

import java.util.EnumSet;
import java.util.Set;

import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.VfsMount;
import io.manticore.vfs.conformance.BackendUnderTest;
import io.manticore.vfs.conformance.VfsConformance;
import org.junit.runner.RunWith;

/** The backend conformance suite on memfs. */
@RunWith(VfsConformance.class)
public class MemfsConformanceTest implements BackendUnderTest {

    @Override
    public VfsMount mount(MountSpec spec) {
        return new MemfsModule().mount(spec, null);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.XATTR, Capability.HARDLINKS, Capability.SYMLINKS, Capability.SPARSE,
                Capability.CLONE, Capability.HANDOVER);
    }
}

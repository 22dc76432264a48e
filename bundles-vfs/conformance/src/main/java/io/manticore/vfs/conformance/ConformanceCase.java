package io.manticore.vfs.conformance;

import static org.junit.Assume.assumeFalse;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.VfsMount;
import io.manticore.testkit.LeakCheck;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;

/**
 * A class of the suite: a fresh mount of the backend for each test, unmounted after it, and a
 * leak check around both, so a buffer the backend or the test fails to release fails the test.
 */
public abstract class ConformanceCase {

    static final String MOUNT_NAME = "conformance";
    static final MountId MOUNT_ID = MountId.forName(MOUNT_NAME);

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    protected final BackendUnderTest backend;
    protected final Cred cred;
    protected VfsMount mount;
    protected FileHandle root;
    protected MountDriver fs;
    private Path folder;

    protected ConformanceCase(BackendUnderTest backend) {
        this.backend = backend;
        this.cred = backend.cred();
    }

    @Before
    public final void mountBackend() throws Exception {
        folder = Files.createTempDirectory("vfs-conformance");
        mount = backend.mount(new MountSpec(MOUNT_NAME, MOUNT_ID, folder.toString(), backend.options()));
        root = mount.root();
        fs = new MountDriver(mount, cred);
    }

    @After
    public final void unmountBackend() throws IOException {
        try {
            if (mount != null) {
                mount.unmount();
            }
        } finally {
            deleteTree(folder);
        }
    }

    /** Skips the test when the mount does not declare {@code capability}. */
    protected void requires(Capability capability) {
        assumeTrue("the backend does not declare " + capability, mount.capabilities().contains(capability));
    }

    /** Skips the test when the mount declares {@code capability}. */
    protected void requiresNo(Capability capability) {
        assumeFalse("the backend declares " + capability, mount.capabilities().contains(capability));
    }

    /** Skips the test unless the caller may act for other users: root, or a backend that leaves permissions to core. */
    protected void requiresPrivilege() {
        assumeTrue("the caller is not privileged on a backend that enforces permissions",
                cred.isRoot() || !mount.capabilities().contains(Capability.ENFORCES_PERMISSIONS));
    }

    private static void deleteTree(Path top) throws IOException {
        if (top == null || !Files.exists(top)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(top)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}

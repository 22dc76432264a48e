package io.manticore.vfs.conformance;

import java.util.Map;
import java.util.Set;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.VfsMount;

/**
 * A backend the conformance suite runs on. A backend joins the suite with one test class in its
 * own module that implements this and is annotated {@code @RunWith(VfsConformance.class)}.
 */
public interface BackendUnderTest {

    /**
     * A new, empty mount of the backend for one test. {@code spec.path()} is an empty folder made
     * for the test and deleted after it; the suite unmounts the mount after the test.
     */
    VfsMount mount(MountSpec spec) throws Exception;

    /** Exactly the capabilities the mount must declare; tests of an optional one are skipped without it. */
    Set<Capability> capabilities();

    /** The mount options the suite's spec carries. */
    default Map<String, String> options() {
        return Map.of();
    }

    /** The identity the suite calls as: an ordinary user unless the backend needs another. */
    default Cred cred() {
        return new Cred(1000, 1000, new int[0]);
    }
}

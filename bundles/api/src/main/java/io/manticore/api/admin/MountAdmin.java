package io.manticore.api.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Core's view of mounts, modules, counters and caches, for the shell and tests. */
@ProviderType
public interface MountAdmin {

    List<MountInfo> mounts();

    List<ModuleInfo> modules();

    /**
     * Moves the live mount {@code mount} to the module {@code module}: suspends it, waits for
     * calls in flight, detaches it with its state and mounts it on the new module, which
     * adopts the state so every handle stays valid. Blocks until done (call it off event loops).
     *
     * @throws IllegalArgumentException when the mount or module does not exist
     * @throws IllegalStateException when the new module refuses the mount
     */
    MountInfo swap(String mount, String module);

    /** Operation counters of every module and protocol, in a stable order. */
    List<OpStats> stats();

    List<CacheStats> caches();

    /** Empties every cache. */
    void clearCaches();
}

package io.manticore.core.internal.vfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.manticore.api.admin.ModuleInfo;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.config.MountConfig;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.VfsModule;
import io.manticore.api.vfs.VfsMount;
import io.manticore.core.internal.cache.AttrCache;
import io.manticore.core.internal.cache.NameCache;
import io.manticore.core.internal.cache.OpenFileCache;
import io.manticore.core.internal.runtime.DelegationPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings mounts up and down as the configuration and the modules come and go, and swaps
 * them between modules (DESIGN.md section 6). Every change runs under one lock, off event
 * loops: it may block while a suspended mount's calls drain (bounded).
 */
final class MountManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MountManager.class);

    private final Object lock = new Object();
    private final MountTable table;
    private final ModuleRegistry modules;
    private final SuspendPolicy policy;
    private final DelegationPool pool;
    private final AttrCache attrCache;
    private final NameCache nameCache;
    private final OpenFileCache openFiles;
    private final long drainMillis;

    MountManager(MountTable table, ModuleRegistry modules, SuspendPolicy policy, DelegationPool pool,
                 AttrCache attrCache, NameCache nameCache, OpenFileCache openFiles, long drainMillis) {
        this.table = table;
        this.modules = modules;
        this.policy = policy;
        this.pool = pool;
        this.attrCache = attrCache;
        this.nameCache = nameCache;
        this.openFiles = openFiles;
        this.drainMillis = drainMillis;
    }

    /** Reconciles the mounts with the configured ones, by name. */
    void configure(Map<String, MountConfig> mounts) {
        synchronized (lock) {
            for (MountEntry entry : table.entries()) {
                if (!mounts.containsKey(entry.name())) {
                    retire(entry);
                }
            }
            mounts.forEach((name, config) -> {
                MountEntry entry = table.byName(name);
                if (entry == null) {
                    entry = new MountEntry(name, config, policy);
                    table.add(entry);
                    LOG.info("Mount {} added on module {}", name, config.module());
                    bringUp(entry);
                } else if (!config.equals(entry.config())) {
                    reconfigure(entry, config);
                }
            });
        }
    }

    /** A module arrived: mounts waiting for its name (or failed on it) are mounted on it. */
    void moduleAdded(ModuleBinding binding) {
        synchronized (lock) {
            modules.add(binding);
            LOG.info("Module {} present (bundle {} {})", binding.name(), binding.bundle(), binding.version());
            for (MountEntry entry : table.entries()) {
                if (entry.live() == null && entry.moduleName().equals(binding.name())) {
                    attachOrFail(entry, binding);
                }
            }
        }
    }

    /**
     * A module is going away (its bundle is updated or removed): each of its mounts is
     * suspended, drained, detached with its state, and waits for a module of the same name,
     * at once when another is present.
     */
    void moduleRemoved(VfsModule module) {
        synchronized (lock) {
            ModuleBinding gone = modules.remove(module);
            if (gone == null) {
                return;
            }
            LOG.info("Module {} going away (bundle {} {})", gone.name(), gone.bundle(), gone.version());
            for (MountEntry entry : table.entries()) {
                LiveMount live = entry.live();
                if (live == null || live.module() != gone) {
                    continue;
                }
                quiesce(entry, "module " + gone.name() + " is going away");
                entry.setSavedState(detach(entry, live));
                ModuleBinding next = modules.find(gone.name());
                if (next != null) {
                    attachOrFail(entry, next);
                } else {
                    entry.suspend("waiting for module " + gone.name());
                }
            }
        }
    }

    /**
     * Moves {@code mountName} to {@code moduleName} with its state; when the new module
     * refuses, the state goes back to the module it came from and nothing is lost.
     */
    MountInfo swap(String mountName, String moduleName) {
        synchronized (lock) {
            MountEntry entry = table.byName(mountName);
            if (entry == null) {
                throw new IllegalArgumentException("no mount named " + mountName);
            }
            ModuleBinding target = modules.find(moduleName);
            if (target == null) {
                throw new IllegalArgumentException("no module named " + moduleName);
            }
            LiveMount live = entry.live();
            ModuleBinding previous = live != null ? live.module() : modules.find(entry.moduleName());
            LOG.info("Swapping mount {} from module {} to {}", mountName, entry.moduleName(), moduleName);
            quiesce(entry, "swapping to module " + moduleName);
            if (live != null) {
                entry.setSavedState(detach(entry, live));
            }
            String refusal = attach(entry, target);
            if (refusal == null) {
                return info(entry);
            }
            String message = "module " + moduleName + " refused mount " + mountName + ": " + refusal;
            if (previous == null) {
                entry.suspend("waiting for module " + entry.moduleName());
                throw new IllegalStateException(message);
            }
            String back = attach(entry, previous);
            if (back != null) {
                entry.fail("module " + previous.name() + " refused the state back: " + back);
                throw new IllegalStateException(message + "; module " + previous.name() + " refused it back: " + back);
            }
            throw new IllegalStateException(message + "; the mount stays on module " + previous.name());
        }
    }

    List<MountInfo> mounts() {
        List<MountInfo> infos = new ArrayList<>();
        for (MountEntry entry : table.entries()) {
            infos.add(info(entry));
        }
        return infos;
    }

    List<ModuleInfo> modules() {
        List<ModuleInfo> infos = new ArrayList<>();
        for (ModuleBinding binding : modules.all()) {
            int mounts = 0;
            for (MountEntry entry : table.entries()) {
                LiveMount live = entry.live();
                if (live != null && live.module() == binding) {
                    mounts++;
                }
            }
            infos.add(new ModuleInfo(binding.name(), binding.bundle(), binding.version(),
                    binding.module().capabilities(), mounts));
        }
        return infos;
    }

    /** Unmounts everything; calls still waiting fail STALE. */
    @Override
    public void close() {
        synchronized (lock) {
            for (MountEntry entry : table.entries()) {
                retire(entry);
            }
        }
    }

    // --- steps

    private void reconfigure(MountEntry entry, MountConfig config) {
        MountConfig old = entry.config();
        entry.setConfig(config);
        boolean sameData = Objects.equals(old.path(), config.path()) && old.options().equals(config.options());
        if (sameData) {
            LOG.info("Mount {} moves to module {}", entry.name(), config.module());
            LiveMount live = quiesce(entry, "moving to module " + config.module());
            if (live != null) {
                entry.setSavedState(detach(entry, live));
            }
        } else {
            LOG.info("Mount {} is mounted again: path or options changed", entry.name());
            LiveMount live = quiesce(entry, "mounting again with a new path or options");
            if (live != null) {
                unmount(entry, live);
            }
            StateReleaser.release(entry.savedState());
            entry.setSavedState(null);
        }
        entry.setModuleName(config.module());
        bringUp(entry);
    }

    private void bringUp(MountEntry entry) {
        ModuleBinding binding = modules.find(entry.moduleName());
        if (binding == null) {
            entry.suspend("waiting for module " + entry.moduleName());
        } else {
            attachOrFail(entry, binding);
        }
    }

    private void retire(MountEntry entry) {
        LiveMount live = quiesce(entry, "being removed");
        if (live != null) {
            unmount(entry, live);
        }
        StateReleaser.release(entry.savedState());
        entry.setSavedState(null);
        table.remove(entry);
        entry.remove();
        LOG.info("Mount {} removed", entry.name());
    }

    private void attachOrFail(MountEntry entry, ModuleBinding binding) {
        String refusal = attach(entry, binding);
        if (refusal != null) {
            entry.fail("module " + binding.name() + " refused the mount: " + refusal);
        }
    }

    /** Mounts the entry on {@code binding} with its saved state and resumes it; the refusal, or null. */
    private String attach(MountEntry entry, ModuleBinding binding) {
        MountConfig config = entry.config();
        MountSpec spec = new MountSpec(entry.name(), entry.id(), config.path(), config.options());
        VfsMount mount;
        try {
            mount = binding.module().mount(spec, entry.savedState());
            if (mount == null) {
                return "mount() returned no mount";
            }
        } catch (RuntimeException e) {
            LOG.warn("Module {} refused mount {}: {}", binding.name(), entry.name(), Faults.describe(e));
            return Faults.describe(e);
        }
        LiveMount live;
        try {
            live = new LiveMount(entry, mount, binding, pool);
            entry.mounted(binding.name(), mount.root(), live.capabilities());
        } catch (RuntimeException e) {
            // The module adopted the state already: take it back so it has exactly one owner.
            LOG.warn("Module {} failed after adopting mount {}: {}", binding.name(), entry.name(), Faults.describe(e));
            entry.setSavedState(detachQuietly(mount));
            return Faults.describe(e);
        }
        entry.setSavedState(null);
        entry.resume(live);
        LOG.info("Mount {} active on module {}", entry.name(), binding.name());
        return null;
    }

    /**
     * Suspends the entry, waits (bounded) for its calls in flight, closes its open files on
     * the old mount and drops its cached attributes and names. Returns the mount that was
     * live, or null when none was.
     */
    private LiveMount quiesce(MountEntry entry, String reason) {
        LiveMount live = entry.live();
        CompletableFuture<Void> drained = entry.suspend(reason);
        if (live == null) {
            return null;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        await(drained, deadline, entry, "calls in flight");
        await(openFiles.closeMount(entry.id()), deadline, entry, "closing open files");
        await(entry.awaitIdle(), deadline, entry, "closes in flight");
        attrCache.invalidateMount(entry.id());
        nameCache.invalidateMount(entry.id());
        return live;
    }

    private MountState detach(MountEntry entry, LiveMount live) {
        try {
            return live.backend().detach();
        } catch (RuntimeException e) {
            LOG.error("Detaching mount {} from module {} failed; its state is lost", entry.name(),
                    live.module().name(), e);
            return null;
        }
    }

    private void unmount(MountEntry entry, LiveMount live) {
        try {
            live.backend().unmount();
        } catch (RuntimeException e) {
            LOG.error("Unmounting mount {} from module {} failed", entry.name(), live.module().name(), e);
        }
    }

    private static void await(CompletableFuture<Void> step, long deadline, MountEntry entry, String what) {
        try {
            step.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Mount {}: {} did not finish in time; proceeding", entry.name(), what);
        } catch (ExecutionException e) {
            LOG.warn("Mount {}: {} failed: {}", entry.name(), what, Faults.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Mount {}: interrupted while {}; proceeding", entry.name(), what);
        }
    }

    private static MountInfo info(MountEntry entry) {
        MountConfig config = entry.config();
        return new MountInfo(entry.name(), entry.moduleName(), config.path(), entry.id().toString(),
                entry.phase().name(), entry.capabilities(), entry.calls(), entry.waiting(), entry.detail());
    }

    private static MountState detachQuietly(VfsMount mount) {
        try {
            return mount.detach();
        } catch (RuntimeException e) {
            LOG.error("detaching a failed mount lost its state", e);
            return null;
        }
    }
}

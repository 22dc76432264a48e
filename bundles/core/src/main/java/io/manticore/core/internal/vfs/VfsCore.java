package io.manticore.core.internal.vfs;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.manticore.api.admin.CacheStats;
import io.manticore.api.admin.ModuleInfo;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.admin.OpStats;
import io.manticore.api.admin.StatsRecorder;
import io.manticore.api.config.ConfigListener;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.config.ServerSettings;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.runtime.Scheduler;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsChangeListener;
import io.manticore.api.vfs.VfsModule;
import io.manticore.core.internal.cache.AttrCache;
import io.manticore.core.internal.cache.NameCache;
import io.manticore.core.internal.cache.OpenFileCache;
import io.manticore.core.internal.runtime.DelegationPool;

/**
 * Core's VFS put together without OSGi: the mount table, the mount manager, the caches, the
 * delegation pool, the counters and the change listeners, with {@link #vfs()} on top. The DS
 * component {@link CoreVfs} feeds it services; tests construct it directly.
 */
final class VfsCore implements MountAdmin, StatsRecorder, ConfigListener, AutoCloseable {

    /** Settings in force until the first configuration arrives. */
    static final ServerSettings DEFAULT_SETTINGS = new ServerSettings(0, 16, 10_000, 1024, 100_000, 100_000,
            4096, 30_000, false, 90);

    /** How long a suspension waits for the calls in flight before it proceeds anyway. */
    static final long DRAIN_MILLIS = 10_000;

    private final Scheduler scheduler;
    private final DelegationPool pool;
    private final AttrCache attrCache;
    private final NameCache nameCache;
    private final OpenFileCache openFiles;
    private final SuspendPolicy policy;
    private final OpCounters counters = new OpCounters();
    private final ChangePublisher changes = new ChangePublisher();
    private final MountManager manager;
    private final CoreFileSystem vfs;
    private ScheduledFuture<?> idleSweep; // guarded by this
    private long sweepMillis; // guarded by this

    VfsCore(Scheduler scheduler, ServerSettings settings, LeaseManager leases) {
        this.scheduler = scheduler;
        this.pool = new DelegationPool(Math.max(1, settings.delegationThreads()));
        this.attrCache = new AttrCache(Math.max(0, settings.attrCacheEntries()));
        this.nameCache = new NameCache(Math.max(0, settings.nameCacheEntries()));
        this.openFiles = new OpenFileCache(Math.max(0, settings.openFileCacheEntries()), settings.openFileIdleMillis());
        this.policy = new SuspendPolicy(scheduler, settings.suspendTimeoutMillis(), settings.maxSuspendedCalls());
        MountTable table = new MountTable();
        this.manager = new MountManager(table, new ModuleRegistry(), policy, pool, attrCache, nameCache, openFiles,
                DRAIN_MILLIS);
        this.vfs = new CoreFileSystem(table, new CallRunner(table, counters), attrCache, nameCache, openFiles, changes,
                new LeaseBreaks(leases));
        scheduleIdleSweep(settings.openFileIdleMillis());
    }

    Vfs vfs() {
        return vfs;
    }

    /** Applies the server settings: caches and limits change live, the pool is replaced when its size changes. */
    synchronized void apply(ServerSettings settings) {
        pool.resize(Math.max(1, settings.delegationThreads()));
        attrCache.setCapacity(Math.max(0, settings.attrCacheEntries()));
        nameCache.setCapacity(Math.max(0, settings.nameCacheEntries()));
        openFiles.setCapacity(Math.max(0, settings.openFileCacheEntries()));
        openFiles.setIdleMillis(settings.openFileIdleMillis());
        policy.update(settings.suspendTimeoutMillis(), settings.maxSuspendedCalls());
        scheduleIdleSweep(settings.openFileIdleMillis());
    }

    @Override
    public void configApplied(ServerConfig config) {
        apply(config.server());
        manager.configure(config.mounts());
    }

    void moduleBound(VfsModule module, String bundle, String version) {
        manager.moduleAdded(new ModuleBinding(module, module.name(), bundle, version));
    }

    void moduleUnbound(VfsModule module) {
        manager.moduleRemoved(module);
    }

    void listenerAdded(VfsChangeListener listener) {
        changes.add(listener);
    }

    void listenerRemoved(VfsChangeListener listener) {
        changes.remove(listener);
    }

    @Override
    public List<MountInfo> mounts() {
        return manager.mounts();
    }

    @Override
    public List<ModuleInfo> modules() {
        return manager.modules();
    }

    @Override
    public MountInfo swap(String mount, String module) {
        return manager.swap(mount, module);
    }

    @Override
    public List<OpStats> stats() {
        return counters.snapshot();
    }

    @Override
    public List<CacheStats> caches() {
        return List.of(attrCache.stats(), nameCache.stats(), openFiles.stats());
    }

    @Override
    public void clearCaches() {
        attrCache.clear();
        nameCache.clear();
        openFiles.clear();
    }

    @Override
    public void record(String scope, String operation, boolean failed, long nanos) {
        counters.record(scope, operation, failed, nanos);
    }

    /** Unmounts everything, closes the open files and stops the delegation pool. */
    @Override
    public void close() {
        synchronized (this) {
            if (idleSweep != null) {
                idleSweep.cancel(false);
            }
        }
        manager.close();
        openFiles.clear();
        pool.close();
    }

    /** Closes idle open files at a pace that matches the idle time (half of it, within 10 ms to 10 s). */
    private synchronized void scheduleIdleSweep(long idleMillis) {
        long period = Math.clamp(idleMillis / 2, 10, 10_000);
        if (idleSweep != null && period == sweepMillis) {
            return;
        }
        if (idleSweep != null) {
            idleSweep.cancel(false);
        }
        sweepMillis = period;
        idleSweep = scheduler.scheduleAtFixedRate(openFiles::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }
}

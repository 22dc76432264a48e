package io.manticore.core.internal.vfs;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.manticore.api.admin.CacheStats;
import io.manticore.api.admin.ModuleInfo;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.admin.OpStats;
import io.manticore.api.admin.StatsRecorder;
import io.manticore.api.config.ConfigListener;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.cred.Cred;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.runtime.Scheduler;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.Committed;
import io.manticore.api.vfs.Created;
import io.manticore.api.vfs.DirPage;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.FsStat;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.LinkResult;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.Opened;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.RenameResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsChangeListener;
import io.manticore.api.vfs.VfsModule;
import io.manticore.api.vfs.Wcc;
import io.manticore.api.vfs.Whence;
import io.manticore.api.vfs.WriteResult;
import io.manticore.api.vfs.XattrMode;
import io.netty.buffer.ByteBuf;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VFS as OSGi services: follows the VFS modules and change listeners present and the
 * configuration applied, and hands everything to {@link VfsCore}.
 */
@Component(immediate = true, service = {Vfs.class, MountAdmin.class, StatsRecorder.class, ConfigListener.class})
public final class CoreVfs implements Vfs, MountAdmin, StatsRecorder, ConfigListener {

    private static final Logger LOG = LoggerFactory.getLogger(CoreVfs.class);

    private final VfsCore core;
    private final Vfs vfs;

    @Activate
    public CoreVfs(@Reference Scheduler scheduler, @Reference LeaseManager leases) {
        core = new VfsCore(scheduler, VfsCore.DEFAULT_SETTINGS, leases);
        vfs = core.vfs();
        LOG.info("VFS started");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindModule")
    void bindModule(VfsModule module, ServiceReference<VfsModule> reference) {
        core.moduleBound(module, reference.getBundle().getSymbolicName(), reference.getBundle().getVersion().toString());
    }

    void unbindModule(VfsModule module) {
        core.moduleUnbound(module);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindChangeListener")
    void bindChangeListener(VfsChangeListener listener) {
        core.listenerAdded(listener);
    }

    void unbindChangeListener(VfsChangeListener listener) {
        core.listenerRemoved(listener);
    }

    @Deactivate
    void deactivate() {
        core.close();
        LOG.info("VFS stopped");
    }

    // --- ConfigListener, MountAdmin, StatsRecorder

    @Override
    public void configApplied(ServerConfig config) {
        core.configApplied(config);
    }

    @Override
    public List<MountInfo> mounts() {
        return core.mounts();
    }

    @Override
    public List<ModuleInfo> modules() {
        return core.modules();
    }

    @Override
    public MountInfo swap(String mount, String module) {
        return core.swap(mount, module);
    }

    @Override
    public List<OpStats> stats() {
        return core.stats();
    }

    @Override
    public List<CacheStats> caches() {
        return core.caches();
    }

    @Override
    public void clearCaches() {
        core.clearCaches();
    }

    @Override
    public void record(String scope, String operation, boolean failed, long nanos) {
        core.record(scope, operation, failed, nanos);
    }

    // --- Vfs

    @Override
    public FileHandle root(String mount) {
        return vfs.root(mount);
    }

    @Override
    public CompletionStage<Lookup> resolve(Cred cred, String path) {
        return vfs.resolve(cred, path);
    }

    @Override
    public CompletionStage<Attrs> getattr(Cred cred, FileHandle fh, AttrMask want) {
        return vfs.getattr(cred, fh, want);
    }

    @Override
    public CompletionStage<Wcc> setattr(Cred cred, FileHandle fh, SetAttrs set, Guard guard) {
        return vfs.setattr(cred, fh, set, guard);
    }

    @Override
    public CompletionStage<Lookup> lookup(Cred cred, FileHandle dir, String name, AttrMask want) {
        return vfs.lookup(cred, dir, name, want);
    }

    @Override
    public CompletionStage<Lookup> getParent(Cred cred, FileHandle dir, AttrMask want) {
        return vfs.getParent(cred, dir, want);
    }

    @Override
    public CompletionStage<DirPage> readdir(Cred cred, FileHandle dir, long cookie, long verifier, int maxEntries,
                                            AttrMask want) {
        return vfs.readdir(cred, dir, cookie, verifier, maxEntries, want);
    }

    @Override
    public CompletionStage<Created> mkdir(Cred cred, FileHandle dir, String name, SetAttrs attrs) {
        return vfs.mkdir(cred, dir, name, attrs);
    }

    @Override
    public CompletionStage<Created> mknod(Cred cred, FileHandle dir, String name, FileType type, SetAttrs attrs,
                                          long rdev) {
        return vfs.mknod(cred, dir, name, type, attrs, rdev);
    }

    @Override
    public CompletionStage<Created> symlink(Cred cred, FileHandle dir, String name, String target, SetAttrs attrs) {
        return vfs.symlink(cred, dir, name, target, attrs);
    }

    @Override
    public CompletionStage<String> readlink(Cred cred, FileHandle fh) {
        return vfs.readlink(cred, fh);
    }

    @Override
    public CompletionStage<LinkResult> link(Cred cred, FileHandle fh, FileHandle dir, String name) {
        return vfs.link(cred, fh, dir, name);
    }

    @Override
    public CompletionStage<RenameResult> rename(Cred cred, FileHandle fromDir, String fromName, FileHandle toDir,
                                                String toName) {
        return vfs.rename(cred, fromDir, fromName, toDir, toName);
    }

    @Override
    public CompletionStage<Wcc> remove(Cred cred, FileHandle dir, String name) {
        return vfs.remove(cred, dir, name);
    }

    @Override
    public CompletionStage<Wcc> rmdir(Cred cred, FileHandle dir, String name) {
        return vfs.rmdir(cred, dir, name);
    }

    @Override
    public CompletionStage<Opened> openAt(Cred cred, FileHandle dir, String name, OpenFlags flags,
                                          SetAttrs createAttrs, AttrMask want) {
        return vfs.openAt(cred, dir, name, flags, createAttrs, want);
    }

    @Override
    public CompletionStage<ReadResult> read(Cred cred, FileHandle fh, long offset, int length) {
        return vfs.read(cred, fh, offset, length);
    }

    /** Takes ownership of {@code data}, as {@link Vfs#write} says. */
    @Override
    public CompletionStage<WriteResult> write(Cred cred, FileHandle fh, long offset, ByteBuf data,
                                              Stability stability) {
        return vfs.write(cred, fh, offset, data, stability);
    }

    @Override
    public CompletionStage<Committed> commit(Cred cred, FileHandle fh, long offset, long count) {
        return vfs.commit(cred, fh, offset, count);
    }

    @Override
    public CompletionStage<Created> createUnlinked(Cred cred, FileHandle dir, SetAttrs attrs) {
        return vfs.createUnlinked(cred, dir, attrs);
    }

    @Override
    public CompletionStage<Void> discardUnlinked(Cred cred, FileHandle fh) {
        return vfs.discardUnlinked(cred, fh);
    }

    @Override
    public CompletionStage<Wcc> linkAt(Cred cred, FileHandle fh, FileHandle dir, String name, boolean replace) {
        return vfs.linkAt(cred, fh, dir, name, replace);
    }

    @Override
    public CompletionStage<Wcc> allocate(Cred cred, FileHandle fh, long offset, long length) {
        return vfs.allocate(cred, fh, offset, length);
    }

    @Override
    public CompletionStage<Wcc> deallocate(Cred cred, FileHandle fh, long offset, long length) {
        return vfs.deallocate(cred, fh, offset, length);
    }

    @Override
    public CompletionStage<Long> seek(Cred cred, FileHandle fh, long offset, Whence whence) {
        return vfs.seek(cred, fh, offset, whence);
    }

    @Override
    public CompletionStage<Long> copyRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                           long length) {
        return vfs.copyRange(cred, src, srcOffset, dst, dstOffset, length);
    }

    @Override
    public CompletionStage<Wcc> cloneRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                           long length) {
        return vfs.cloneRange(cred, src, srcOffset, dst, dstOffset, length);
    }

    @Override
    public CompletionStage<byte[]> getXattr(Cred cred, FileHandle fh, String name) {
        return vfs.getXattr(cred, fh, name);
    }

    @Override
    public CompletionStage<Void> setXattr(Cred cred, FileHandle fh, String name, byte[] value, XattrMode mode) {
        return vfs.setXattr(cred, fh, name, value, mode);
    }

    @Override
    public CompletionStage<List<String>> listXattrs(Cred cred, FileHandle fh) {
        return vfs.listXattrs(cred, fh);
    }

    @Override
    public CompletionStage<Void> removeXattr(Cred cred, FileHandle fh, String name) {
        return vfs.removeXattr(cred, fh, name);
    }

    @Override
    public CompletionStage<FsStat> statfs(Cred cred, FileHandle fh) {
        return vfs.statfs(cred, fh);
    }

    @Override
    public Set<Capability> capabilities(FileHandle fh) {
        return vfs.capabilities(fh);
    }
}

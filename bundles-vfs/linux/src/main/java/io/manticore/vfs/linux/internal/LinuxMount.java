package io.manticore.vfs.linux.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.manticore.api.cred.Cred;
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
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.Opened;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.RenameResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsMount;
import io.manticore.api.vfs.Wcc;
import io.manticore.api.vfs.Whence;
import io.manticore.api.vfs.WriteResult;
import io.manticore.api.vfs.XattrMode;
import io.netty.buffer.ByteBuf;

/**
 * A host folder served through the kernel's handles. Every call blocks ({@link Capability#BLOCKING}):
 * core runs it on a delegation thread, and it answers a completed stage.
 */
final class LinuxMount implements VfsMount {

    /** The state both passthrough modules (linux, iouring) hand each other: the same handles, the same descriptors. */
    static final String STATE_MODULE = "passthrough";
    static final int STATE_FORMAT = 1;

    private final LinuxFs fs;
    private final Set<Capability> capabilities;
    private final AttrOps attrs;
    private final NamespaceOps names;
    private final DataOps data;
    private final XattrOps xattrs;
    private final DirReader dirs;

    LinuxMount(LinuxFs fs, boolean clones) {
        this.fs = fs;
        EnumSet<Capability> caps = EnumSet.of(Capability.BLOCKING, Capability.XATTR, Capability.HARDLINKS,
                Capability.SYMLINKS, Capability.SPARSE, Capability.PERSISTENT);
        if (clones) {
            caps.add(Capability.CLONE);
        }
        if (fs.identity.enforces()) {
            caps.add(Capability.ENFORCES_PERMISSIONS);
        }
        this.capabilities = Set.copyOf(caps);
        this.attrs = new AttrOps(fs);
        this.names = new NamespaceOps(fs, attrs);
        this.data = new DataOps(fs, attrs);
        this.xattrs = new XattrOps(fs);
        this.dirs = new DirReader(fs);
    }

    /** The answer of a blocking call, or its failure; any unexpected exception becomes IO. */
    private static <T> CompletionStage<T> run(Supplier<T> call) {
        try {
            return CompletableFuture.completedFuture(call.get());
        } catch (VfsException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new VfsException(VfsError.IO, e.toString()));
        }
    }

    private static CompletionStage<Void> runVoid(Runnable call) {
        return run(() -> {
            call.run();
            return null;
        });
    }

    long writeVerifier() {
        return fs.writeVerifier;
    }

    @Override
    public FileHandle root() {
        return fs.root;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<Attrs> getattr(Cred cred, FileHandle fh, AttrMask want) {
        return run(() -> attrs.getattr(cred, fh));
    }

    @Override
    public CompletionStage<Wcc> setattr(Cred cred, FileHandle fh, SetAttrs set, Guard guard) {
        return run(() -> attrs.setattr(cred, fh, set, guard));
    }

    @Override
    public CompletionStage<Lookup> lookup(Cred cred, FileHandle dir, String name, AttrMask want) {
        return run(() -> names.lookup(cred, dir, name));
    }

    @Override
    public CompletionStage<Lookup> getParent(Cred cred, FileHandle dir, AttrMask want) {
        return run(() -> names.getParent(cred, dir));
    }

    @Override
    public CompletionStage<DirPage> readdir(Cred cred, FileHandle dir, long cookie, long verifier, int maxEntries,
                                            AttrMask want) {
        return run(() -> dirs.readdir(cred, dir, cookie, verifier, maxEntries, want));
    }

    @Override
    public CompletionStage<Created> mkdir(Cred cred, FileHandle dir, String name, SetAttrs attrsToSet) {
        return run(() -> names.mkdir(cred, dir, name, attrsToSet));
    }

    @Override
    public CompletionStage<Created> mknod(Cred cred, FileHandle dir, String name, FileType type, SetAttrs attrsToSet,
                                          long rdev) {
        return run(() -> names.mknod(cred, dir, name, type, attrsToSet, rdev));
    }

    @Override
    public CompletionStage<Created> symlink(Cred cred, FileHandle dir, String name, String target, SetAttrs attrsToSet) {
        return run(() -> names.symlink(cred, dir, name, target, attrsToSet));
    }

    @Override
    public CompletionStage<String> readlink(Cred cred, FileHandle fh) {
        return run(() -> names.readlink(cred, fh));
    }

    @Override
    public CompletionStage<LinkResult> link(Cred cred, FileHandle fh, FileHandle dir, String name) {
        return run(() -> names.link(cred, fh, dir, name));
    }

    @Override
    public CompletionStage<RenameResult> rename(Cred cred, FileHandle fromDir, String fromName, FileHandle toDir,
                                                String toName) {
        return run(() -> names.rename(cred, fromDir, fromName, toDir, toName));
    }

    @Override
    public CompletionStage<Wcc> remove(Cred cred, FileHandle dir, String name) {
        return run(() -> names.remove(cred, dir, name));
    }

    @Override
    public CompletionStage<Wcc> rmdir(Cred cred, FileHandle dir, String name) {
        return run(() -> names.rmdir(cred, dir, name));
    }

    @Override
    public CompletionStage<Opened> openAt(Cred cred, FileHandle dir, String name, OpenFlags flags, SetAttrs createAttrs,
                                          AttrMask want) {
        return run(() -> data.openAt(cred, dir, name, flags, createAttrs));
    }

    @Override
    public CompletionStage<OpenFile> open(Cred cred, FileHandle fh, boolean write) {
        return run(() -> data.open(cred, fh, write));
    }

    @Override
    public CompletionStage<Void> close(OpenFile file) {
        return runVoid(() -> data.close(file));
    }

    @Override
    public CompletionStage<ReadResult> read(Cred cred, OpenFile file, long offset, int length) {
        return run(() -> data.read(cred, file, offset, length));
    }

    /** Takes ownership of {@code bytes}: released whatever happens. */
    @Override
    public CompletionStage<WriteResult> write(Cred cred, OpenFile file, long offset, ByteBuf bytes, Stability stability) {
        return run(() -> data.write(cred, file, offset, bytes, stability));
    }

    @Override
    public CompletionStage<Committed> commit(Cred cred, FileHandle fh, long offset, long count) {
        return run(() -> data.commit(cred, fh));
    }

    @Override
    public CompletionStage<Created> createUnlinked(Cred cred, FileHandle dir, SetAttrs attrsToSet) {
        return run(() -> data.createUnlinked(cred, dir, attrsToSet));
    }

    @Override
    public CompletionStage<Wcc> linkAt(Cred cred, FileHandle fh, FileHandle dir, String name, boolean replace) {
        return run(() -> data.linkAt(cred, fh, dir, name, replace));
    }

    @Override
    public CompletionStage<Void> discardUnlinked(Cred cred, FileHandle fh) {
        return runVoid(() -> data.discardUnlinked(cred, fh));
    }

    @Override
    public CompletionStage<Wcc> allocate(Cred cred, FileHandle fh, long offset, long length) {
        return run(() -> data.allocate(cred, fh, offset, length));
    }

    @Override
    public CompletionStage<Wcc> deallocate(Cred cred, FileHandle fh, long offset, long length) {
        return run(() -> data.deallocate(cred, fh, offset, length));
    }

    @Override
    public CompletionStage<Long> seek(Cred cred, FileHandle fh, long offset, Whence whence) {
        return run(() -> data.seek(cred, fh, offset, whence));
    }

    @Override
    public CompletionStage<Long> copyRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                          long length) {
        return run(() -> data.copyRange(cred, src, srcOffset, dst, dstOffset, length));
    }

    @Override
    public CompletionStage<Wcc> cloneRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                           long length) {
        if (!capabilities.contains(Capability.CLONE)) {
            return CompletableFuture.failedFuture(new VfsException(VfsError.NOTSUPP, "the host filesystem shares no blocks"));
        }
        return run(() -> data.cloneRange(cred, src, srcOffset, dst, dstOffset, length));
    }

    @Override
    public CompletionStage<byte[]> getXattr(Cred cred, FileHandle fh, String name) {
        return run(() -> xattrs.get(cred, fh, name));
    }

    @Override
    public CompletionStage<Void> setXattr(Cred cred, FileHandle fh, String name, byte[] value, XattrMode mode) {
        return runVoid(() -> xattrs.set(cred, fh, name, value, mode));
    }

    @Override
    public CompletionStage<List<String>> listXattrs(Cred cred, FileHandle fh) {
        return run(() -> xattrs.list(cred, fh));
    }

    @Override
    public CompletionStage<Void> removeXattr(Cred cred, FileHandle fh, String name) {
        return runVoid(() -> xattrs.remove(cred, fh, name));
    }

    @Override
    public CompletionStage<FsStat> statfs(Cred cred, FileHandle fh) {
        return run(() -> attrs.statfs(cred, fh));
    }

    /**
     * The data lives in the host folder; only the unnamed files waiting for a name (an S3 upload
     * in flight) go to the next mount, as their open descriptors, or nothing when there are none.
     */
    @Override
    public MountState detach() {
        Map<FileHandle, Integer> unlinked = fs.handOverUnlinked();
        fs.close();
        return unlinked.isEmpty() ? null : new MountState(STATE_MODULE, STATE_FORMAT, unlinked);
    }

    /** Takes the unnamed files a detached passthrough mount handed over; BADTYPE for another module's state. */
    void adopt(MountState state) {
        if (!STATE_MODULE.equals(state.module()) || state.format() != STATE_FORMAT || !(state.payload() instanceof Map<?, ?> files)) {
            throw new VfsException(VfsError.BADTYPE, "a passthrough mount cannot adopt the state of " + state.module()
                    + " format " + state.format());
        }
        files.forEach((fh, fd) -> fs.addUnlinked((FileHandle) fh, (Integer) fd));
    }

    @Override
    public void unmount() {
        fs.close();
    }
}

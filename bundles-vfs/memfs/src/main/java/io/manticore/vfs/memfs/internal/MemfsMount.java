package io.manticore.vfs.memfs.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A memfs mount. Calls complete inline on the caller's thread. memfs records owners and modes
 * but checks no permissions (core does). Reads take no write lock, so memfs behaves as a
 * noatime mount: a read changes no attribute.
 */
final class MemfsMount implements VfsMount {

    static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.XATTR, Capability.HARDLINKS,
            Capability.SYMLINKS, Capability.SPARSE, Capability.CLONE, Capability.HANDOVER));

    private static final Logger LOG = LoggerFactory.getLogger(MemfsMount.class);

    // One lock per mount: readers share it (a read retains block slices), every mutation holds it alone, so no write replaces a block under a reader.
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final String name;
    private final FileHandle root;
    private Filesystem fs;

    MemfsMount(String name, Filesystem fs) {
        this.name = name;
        this.fs = fs;
        this.root = fs.handle(fs.root());
    }

    @Override
    public FileHandle root() {
        return root;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public CompletionStage<Attrs> getattr(Cred cred, FileHandle fh, AttrMask want) {
        return shared(f -> AttrOps.getattr(f, fh));
    }

    @Override
    public CompletionStage<Wcc> setattr(Cred cred, FileHandle fh, SetAttrs set, Guard guard) {
        return exclusive(f -> AttrOps.setattr(f, fh, set, guard));
    }

    @Override
    public CompletionStage<Lookup> lookup(Cred cred, FileHandle dir, String name, AttrMask want) {
        return shared(f -> NamespaceOps.lookup(f, dir, name));
    }

    @Override
    public CompletionStage<Lookup> getParent(Cred cred, FileHandle dir, AttrMask want) {
        return shared(f -> NamespaceOps.getParent(f, dir));
    }

    @Override
    public CompletionStage<DirPage> readdir(Cred cred, FileHandle dir, long cookie, long verifier, int maxEntries,
                                            AttrMask want) {
        return shared(f -> ReaddirOp.readdir(f, dir, cookie, verifier, maxEntries));
    }

    @Override
    public CompletionStage<Created> mkdir(Cred cred, FileHandle dir, String name, SetAttrs attrs) {
        return exclusive(f -> NamespaceOps.mkdir(f, cred, dir, name, orNone(attrs)));
    }

    @Override
    public CompletionStage<Created> mknod(Cred cred, FileHandle dir, String name, FileType type, SetAttrs attrs,
                                         long rdev) {
        return exclusive(f -> NamespaceOps.mknod(f, cred, dir, name, type, orNone(attrs), rdev));
    }

    @Override
    public CompletionStage<Created> symlink(Cred cred, FileHandle dir, String name, String target, SetAttrs attrs) {
        return exclusive(f -> NamespaceOps.symlink(f, cred, dir, name, target, orNone(attrs)));
    }

    @Override
    public CompletionStage<String> readlink(Cred cred, FileHandle fh) {
        return shared(f -> NamespaceOps.readlink(f, fh));
    }

    @Override
    public CompletionStage<LinkResult> link(Cred cred, FileHandle fh, FileHandle dir, String name) {
        return exclusive(f -> NamespaceOps.link(f, fh, dir, name));
    }

    @Override
    public CompletionStage<RenameResult> rename(Cred cred, FileHandle fromDir, String fromName, FileHandle toDir,
                                                String toName) {
        return exclusive(f -> RenameOp.rename(f, fromDir, fromName, toDir, toName));
    }

    @Override
    public CompletionStage<Wcc> remove(Cred cred, FileHandle dir, String name) {
        return exclusive(f -> NamespaceOps.remove(f, dir, name));
    }

    @Override
    public CompletionStage<Wcc> rmdir(Cred cred, FileHandle dir, String name) {
        return exclusive(f -> NamespaceOps.rmdir(f, dir, name));
    }

    @Override
    public CompletionStage<Opened> openAt(Cred cred, FileHandle dir, String name, OpenFlags flags,
                                          SetAttrs createAttrs, AttrMask want) {
        return exclusive(f -> OpenOps.openAt(f, cred, dir, name, flags, createAttrs));
    }

    @Override
    public CompletionStage<OpenFile> open(Cred cred, FileHandle fh, boolean write) {
        return exclusive(f -> OpenOps.open(f, fh));
    }

    @Override
    public CompletionStage<Void> close(OpenFile file) {
        return exclusive(f -> {
            OpenOps.close(f, file);
            return null;
        });
    }

    @Override
    public CompletionStage<ReadResult> read(Cred cred, OpenFile file, long offset, int length) {
        return shared(f -> DataOps.read(OpenOps.inodeOf(f, file), offset, length));
    }

    /** Takes ownership of {@code data}: it is released when this returns, whatever the outcome. */
    @Override
    public CompletionStage<WriteResult> write(Cred cred, OpenFile file, long offset, ByteBuf data,
                                              Stability stability) {
        try {
            return exclusive(f -> DataOps.write(f, OpenOps.inodeOf(f, file), offset, data));
        } finally {
            data.release();
        }
    }

    @Override
    public CompletionStage<Committed> commit(Cred cred, FileHandle fh, long offset, long count) {
        return shared(f -> DataOps.commit(f, fh));
    }

    @Override
    public CompletionStage<Created> createUnlinked(Cred cred, FileHandle dir, SetAttrs attrs) {
        return exclusive(f -> NamespaceOps.createUnlinked(f, cred, dir, orNone(attrs)));
    }

    @Override
    public CompletionStage<Void> discardUnlinked(Cred cred, FileHandle fh) {
        return exclusive(f -> {
            NamespaceOps.discardUnlinked(f, fh);
            return null;
        });
    }

    @Override
    public CompletionStage<Wcc> linkAt(Cred cred, FileHandle fh, FileHandle dir, String name, boolean replace) {
        return exclusive(f -> NamespaceOps.linkAt(f, fh, dir, name, replace));
    }

    @Override
    public CompletionStage<Wcc> allocate(Cred cred, FileHandle fh, long offset, long length) {
        return exclusive(f -> DataOps.allocate(f, fh, offset, length));
    }

    @Override
    public CompletionStage<Wcc> deallocate(Cred cred, FileHandle fh, long offset, long length) {
        return exclusive(f -> DataOps.deallocate(f, fh, offset, length));
    }

    @Override
    public CompletionStage<Long> seek(Cred cred, FileHandle fh, long offset, Whence whence) {
        return shared(f -> DataOps.seek(f, fh, offset, whence));
    }

    @Override
    public CompletionStage<Long> copyRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                           long length) {
        return exclusive(f -> DataOps.copyRange(f, src, srcOffset, dst, dstOffset, length));
    }

    @Override
    public CompletionStage<Wcc> cloneRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                           long length) {
        return exclusive(f -> DataOps.cloneRange(f, src, srcOffset, dst, dstOffset, length));
    }

    @Override
    public CompletionStage<byte[]> getXattr(Cred cred, FileHandle fh, String name) {
        return shared(f -> XattrOps.get(f, fh, name));
    }

    @Override
    public CompletionStage<Void> setXattr(Cred cred, FileHandle fh, String name, byte[] value, XattrMode mode) {
        return exclusive(f -> {
            XattrOps.set(f, fh, name, value, mode);
            return null;
        });
    }

    @Override
    public CompletionStage<List<String>> listXattrs(Cred cred, FileHandle fh) {
        return shared(f -> XattrOps.list(f, fh));
    }

    @Override
    public CompletionStage<Void> removeXattr(Cred cred, FileHandle fh, String name) {
        return exclusive(f -> {
            XattrOps.remove(f, fh, name);
            return null;
        });
    }

    @Override
    public CompletionStage<FsStat> statfs(Cred cred, FileHandle fh) {
        return shared(f -> AttrOps.statfs(f, fh));
    }

    /** Hands the whole state over (buffers included); the mount then answers STALE and holds nothing. */
    @Override
    public MountState detach() {
        lock.writeLock().lock();
        try {
            Filesystem current = live();
            long bytes = current.space.usedBytes();
            MountState state = new MountState(HandoverCodec.MODULE, HandoverCodec.FORMAT, HandoverCodec.encode(current));
            fs = null;
            LOG.info("memfs mount {} detached: {} inodes, {} bytes handed over", name, current.inodes.count(), bytes);
            return state;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void unmount() {
        lock.writeLock().lock();
        try {
            if (fs != null) {
                fs.releaseAll();
                fs = null;
                LOG.info("memfs mount {} unmounted", name);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> CompletionStage<T> shared(Function<Filesystem, T> op) {
        return locked(lock.readLock(), op);
    }

    private <T> CompletionStage<T> exclusive(Function<Filesystem, T> op) {
        return locked(lock.writeLock(), op);
    }

    private <T> CompletionStage<T> locked(Lock held, Function<Filesystem, T> op) {
        held.lock();
        try {
            return CompletableFuture.completedFuture(op.apply(live()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            held.unlock();
        }
    }

    private Filesystem live() {
        Filesystem current = fs;
        if (current == null) {
            throw new VfsException(VfsError.STALE, "memfs mount " + name + " is detached or unmounted");
        }
        return current;
    }

    private static SetAttrs orNone(SetAttrs attrs) {
        return attrs == null ? SetAttrs.NONE : attrs;
    }
}

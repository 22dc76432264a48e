package io.manticore.vfs.iouring.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
import io.manticore.vfs.linux.internal.Passthrough;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * A host folder as the linux backend serves it (the same handles, identity and semantics), with
 * the data of open files read, written and synced through io_uring: those calls never block the
 * caller's thread (an event loop) and complete on a ring's thread; the rest run on the module's
 * lanes, each as its caller.
 */
final class IoUringMount implements VfsMount {

    private final VfsMount passthrough;
    private final Lanes lanes;
    private final RingIo io;
    private final Set<Capability> capabilities;
    private final long writeVerifier;

    IoUringMount(VfsMount passthrough, Lanes lanes, RingIo io) {
        this.passthrough = passthrough;
        this.lanes = lanes;
        this.io = io;
        EnumSet<Capability> caps = EnumSet.copyOf(passthrough.capabilities());
        caps.remove(Capability.BLOCKING);
        this.capabilities = Set.copyOf(caps);
        this.writeVerifier = Passthrough.writeVerifier(passthrough);
    }

    @Override
    public FileHandle root() {
        return passthrough.root();
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    // --- the data of open files, through the ring

    @Override
    public CompletionStage<ReadResult> read(Cred cred, OpenFile file, long offset, int length) {
        if (offset < 0 || length < 0) {
            return CompletableFuture.failedFuture(new VfsException(VfsError.INVAL, "a negative offset or length"));
        }
        int fd;
        try {
            fd = Passthrough.fd(file);
        } catch (VfsException e) {
            return CompletableFuture.failedFuture(e);
        }
        ByteBuf data = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(1, length));
        CompletionStage<Integer> read = length == 0 ? CompletableFuture.completedFuture(0) : io.read(fd, data, length, offset);
        return read.thenCompose(n -> io.stat(fd).thenApply(attrs -> {
            data.writerIndex(n);
            return new ReadResult(data, offset + n >= attrs.size(), attrs);
        })).whenComplete((result, failure) -> {
            if (failure != null) {
                data.release();
            }
        });
    }

    /** Takes ownership of {@code data}: released when the write completes or fails. */
    @Override
    public CompletionStage<WriteResult> write(Cred cred, OpenFile file, long offset, ByteBuf data, Stability stability) {
        int fd;
        try {
            if (offset < 0) {
                throw new VfsException(VfsError.INVAL, "a negative offset");
            }
            fd = Passthrough.fd(file);
            if (!Passthrough.writable(file)) {
                throw new VfsException(VfsError.ACCES, "the file was opened for reading");
            }
        } catch (VfsException e) {
            data.release();
            return CompletableFuture.failedFuture(e);
        }
        return io.stat(fd).thenCompose(before -> io.write(fd, data, offset)
                .thenCompose(count -> (stability == Stability.UNSTABLE ? CompletableFuture.completedFuture(0)
                        : io.fsync(fd, stability == Stability.DATA_SYNC))
                        .thenCompose(synced -> io.stat(fd))
                        .thenApply(after -> new WriteResult(count, stability, writeVerifier, new Wcc(before, after)))))
                .whenComplete((result, failure) -> data.release());
    }

    // --- everything else, as the linux backend does it, on the lanes

    @Override
    public CompletionStage<Attrs> getattr(Cred cred, FileHandle fh, AttrMask want) {
        return lanes.on(fh, () -> passthrough.getattr(cred, fh, want));
    }

    @Override
    public CompletionStage<Wcc> setattr(Cred cred, FileHandle fh, SetAttrs set, Guard guard) {
        return lanes.on(fh, () -> passthrough.setattr(cred, fh, set, guard));
    }

    @Override
    public CompletionStage<Lookup> lookup(Cred cred, FileHandle dir, String name, AttrMask want) {
        return lanes.on(dir, () -> passthrough.lookup(cred, dir, name, want));
    }

    @Override
    public CompletionStage<Lookup> getParent(Cred cred, FileHandle dir, AttrMask want) {
        return lanes.on(dir, () -> passthrough.getParent(cred, dir, want));
    }

    @Override
    public CompletionStage<DirPage> readdir(Cred cred, FileHandle dir, long cookie, long verifier, int maxEntries,
                                            AttrMask want) {
        return lanes.on(dir, () -> passthrough.readdir(cred, dir, cookie, verifier, maxEntries, want));
    }

    @Override
    public CompletionStage<Created> mkdir(Cred cred, FileHandle dir, String name, SetAttrs attrs) {
        return lanes.on(dir, () -> passthrough.mkdir(cred, dir, name, attrs));
    }

    @Override
    public CompletionStage<Created> mknod(Cred cred, FileHandle dir, String name, FileType type, SetAttrs attrs, long rdev) {
        return lanes.on(dir, () -> passthrough.mknod(cred, dir, name, type, attrs, rdev));
    }

    @Override
    public CompletionStage<Created> symlink(Cred cred, FileHandle dir, String name, String target, SetAttrs attrs) {
        return lanes.on(dir, () -> passthrough.symlink(cred, dir, name, target, attrs));
    }

    @Override
    public CompletionStage<String> readlink(Cred cred, FileHandle fh) {
        return lanes.on(fh, () -> passthrough.readlink(cred, fh));
    }

    @Override
    public CompletionStage<LinkResult> link(Cred cred, FileHandle fh, FileHandle dir, String name) {
        return lanes.on(dir, () -> passthrough.link(cred, fh, dir, name));
    }

    @Override
    public CompletionStage<RenameResult> rename(Cred cred, FileHandle fromDir, String fromName, FileHandle toDir,
                                                String toName) {
        return lanes.on(fromDir, () -> passthrough.rename(cred, fromDir, fromName, toDir, toName));
    }

    @Override
    public CompletionStage<Wcc> remove(Cred cred, FileHandle dir, String name) {
        return lanes.on(dir, () -> passthrough.remove(cred, dir, name));
    }

    @Override
    public CompletionStage<Wcc> rmdir(Cred cred, FileHandle dir, String name) {
        return lanes.on(dir, () -> passthrough.rmdir(cred, dir, name));
    }

    @Override
    public CompletionStage<Opened> openAt(Cred cred, FileHandle dir, String name, OpenFlags flags, SetAttrs createAttrs,
                                          AttrMask want) {
        return lanes.on(dir, () -> passthrough.openAt(cred, dir, name, flags, createAttrs, want));
    }

    @Override
    public CompletionStage<OpenFile> open(Cred cred, FileHandle fh, boolean write) {
        return lanes.on(fh, () -> passthrough.open(cred, fh, write));
    }

    @Override
    public CompletionStage<Void> close(OpenFile file) {
        return lanes.on(file.handle(), () -> passthrough.close(file));
    }

    @Override
    public CompletionStage<Committed> commit(Cred cred, FileHandle fh, long offset, long count) {
        return lanes.on(fh, () -> passthrough.commit(cred, fh, offset, count));
    }

    @Override
    public CompletionStage<Created> createUnlinked(Cred cred, FileHandle dir, SetAttrs attrs) {
        return lanes.on(dir, () -> passthrough.createUnlinked(cred, dir, attrs));
    }

    @Override
    public CompletionStage<Wcc> linkAt(Cred cred, FileHandle fh, FileHandle dir, String name, boolean replace) {
        return lanes.on(dir, () -> passthrough.linkAt(cred, fh, dir, name, replace));
    }

    @Override
    public CompletionStage<Void> discardUnlinked(Cred cred, FileHandle fh) {
        return lanes.on(fh, () -> passthrough.discardUnlinked(cred, fh));
    }

    @Override
    public CompletionStage<Wcc> allocate(Cred cred, FileHandle fh, long offset, long length) {
        return lanes.on(fh, () -> passthrough.allocate(cred, fh, offset, length));
    }

    @Override
    public CompletionStage<Wcc> deallocate(Cred cred, FileHandle fh, long offset, long length) {
        return lanes.on(fh, () -> passthrough.deallocate(cred, fh, offset, length));
    }

    @Override
    public CompletionStage<Long> seek(Cred cred, FileHandle fh, long offset, Whence whence) {
        return lanes.on(fh, () -> passthrough.seek(cred, fh, offset, whence));
    }

    @Override
    public CompletionStage<Long> copyRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                          long length) {
        return lanes.on(dst, () -> passthrough.copyRange(cred, src, srcOffset, dst, dstOffset, length));
    }

    @Override
    public CompletionStage<Wcc> cloneRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                           long length) {
        return lanes.on(dst, () -> passthrough.cloneRange(cred, src, srcOffset, dst, dstOffset, length));
    }

    @Override
    public CompletionStage<byte[]> getXattr(Cred cred, FileHandle fh, String name) {
        return lanes.on(fh, () -> passthrough.getXattr(cred, fh, name));
    }

    @Override
    public CompletionStage<Void> setXattr(Cred cred, FileHandle fh, String name, byte[] value, XattrMode mode) {
        return lanes.on(fh, () -> passthrough.setXattr(cred, fh, name, value, mode));
    }

    @Override
    public CompletionStage<List<String>> listXattrs(Cred cred, FileHandle fh) {
        return lanes.on(fh, () -> passthrough.listXattrs(cred, fh));
    }

    @Override
    public CompletionStage<Void> removeXattr(Cred cred, FileHandle fh, String name) {
        return lanes.on(fh, () -> passthrough.removeXattr(cred, fh, name));
    }

    @Override
    public CompletionStage<FsStat> statfs(Cred cred, FileHandle fh) {
        return lanes.on(fh, () -> passthrough.statfs(cred, fh));
    }

    @Override
    public MountState detach() {
        return passthrough.detach();
    }

    @Override
    public void unmount() {
        passthrough.unmount();
    }
}

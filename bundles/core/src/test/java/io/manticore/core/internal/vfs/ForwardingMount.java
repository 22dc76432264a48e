package io.manticore.core.internal.vfs;

import java.util.List;
import java.util.Set;
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
import io.manticore.api.vfs.VfsMount;
import io.manticore.api.vfs.Wcc;
import io.manticore.api.vfs.Whence;
import io.manticore.api.vfs.WriteResult;
import io.manticore.api.vfs.XattrMode;
import io.netty.buffer.ByteBuf;

/**
 * A test backend: a real mount (memfs) behind a hook that sees every call first, so a test
 * can record, delay, hold or fail calls. Capabilities may be added.
 */
class ForwardingMount implements VfsMount {

    /** Sees each call: returns the call's stage, normally {@code call.get()}. */
    interface Hook {
        <T> CompletionStage<T> around(String operation, FileHandle fh, Supplier<CompletionStage<T>> call);
    }

    static final Hook PASS = new Hook() {
        @Override
        public <T> CompletionStage<T> around(String operation, FileHandle fh, Supplier<CompletionStage<T>> call) {
            return call.get();
        }
    };

    private final VfsMount delegate;
    private final Set<Capability> capabilities;
    private final Hook hook;

    ForwardingMount(VfsMount delegate, Set<Capability> capabilities, Hook hook) {
        this.delegate = delegate;
        this.capabilities = capabilities;
        this.hook = hook;
    }

    @Override
    public FileHandle root() {
        return delegate.root();
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<Attrs> getattr(Cred cred, FileHandle fh, AttrMask want) {
        return hook.around("getattr", fh, () -> delegate.getattr(cred, fh, want));
    }

    @Override
    public CompletionStage<Wcc> setattr(Cred cred, FileHandle fh, SetAttrs set, Guard guard) {
        return hook.around("setattr", fh, () -> delegate.setattr(cred, fh, set, guard));
    }

    @Override
    public CompletionStage<Lookup> lookup(Cred cred, FileHandle dir, String name, AttrMask want) {
        return hook.around("lookup", dir, () -> delegate.lookup(cred, dir, name, want));
    }

    @Override
    public CompletionStage<Lookup> getParent(Cred cred, FileHandle dir, AttrMask want) {
        return hook.around("getParent", dir, () -> delegate.getParent(cred, dir, want));
    }

    @Override
    public CompletionStage<DirPage> readdir(Cred cred, FileHandle dir, long cookie, long verifier, int maxEntries,
                                            AttrMask want) {
        return hook.around("readdir", dir, () -> delegate.readdir(cred, dir, cookie, verifier, maxEntries, want));
    }

    @Override
    public CompletionStage<Created> mkdir(Cred cred, FileHandle dir, String name, SetAttrs attrs) {
        return hook.around("mkdir", dir, () -> delegate.mkdir(cred, dir, name, attrs));
    }

    @Override
    public CompletionStage<Created> mknod(Cred cred, FileHandle dir, String name, FileType type, SetAttrs attrs,
                                          long rdev) {
        return hook.around("mknod", dir, () -> delegate.mknod(cred, dir, name, type, attrs, rdev));
    }

    @Override
    public CompletionStage<Created> symlink(Cred cred, FileHandle dir, String name, String target, SetAttrs attrs) {
        return hook.around("symlink", dir, () -> delegate.symlink(cred, dir, name, target, attrs));
    }

    @Override
    public CompletionStage<String> readlink(Cred cred, FileHandle fh) {
        return hook.around("readlink", fh, () -> delegate.readlink(cred, fh));
    }

    @Override
    public CompletionStage<LinkResult> link(Cred cred, FileHandle fh, FileHandle dir, String name) {
        return hook.around("link", dir, () -> delegate.link(cred, fh, dir, name));
    }

    @Override
    public CompletionStage<RenameResult> rename(Cred cred, FileHandle fromDir, String fromName, FileHandle toDir,
                                                String toName) {
        return hook.around("rename", fromDir, () -> delegate.rename(cred, fromDir, fromName, toDir, toName));
    }

    @Override
    public CompletionStage<Wcc> remove(Cred cred, FileHandle dir, String name) {
        return hook.around("remove", dir, () -> delegate.remove(cred, dir, name));
    }

    @Override
    public CompletionStage<Wcc> rmdir(Cred cred, FileHandle dir, String name) {
        return hook.around("rmdir", dir, () -> delegate.rmdir(cred, dir, name));
    }

    @Override
    public CompletionStage<Opened> openAt(Cred cred, FileHandle dir, String name, OpenFlags flags,
                                          SetAttrs createAttrs, AttrMask want) {
        return hook.around("openAt", dir, () -> delegate.openAt(cred, dir, name, flags, createAttrs, want));
    }

    @Override
    public CompletionStage<OpenFile> open(Cred cred, FileHandle fh, boolean write) {
        return hook.around("open", fh, () -> delegate.open(cred, fh, write));
    }

    @Override
    public CompletionStage<Void> close(OpenFile file) {
        return hook.around("close", file.handle(), () -> delegate.close(file));
    }

    @Override
    public CompletionStage<ReadResult> read(Cred cred, OpenFile file, long offset, int length) {
        return hook.around("read", file.handle(), () -> delegate.read(cred, file, offset, length));
    }

    @Override
    public CompletionStage<WriteResult> write(Cred cred, OpenFile file, long offset, ByteBuf data,
                                              Stability stability) {
        return hook.around("write", file.handle(), () -> delegate.write(cred, file, offset, data, stability));
    }

    @Override
    public CompletionStage<Committed> commit(Cred cred, FileHandle fh, long offset, long count) {
        return hook.around("commit", fh, () -> delegate.commit(cred, fh, offset, count));
    }

    @Override
    public CompletionStage<Created> createUnlinked(Cred cred, FileHandle dir, SetAttrs attrs) {
        return hook.around("createUnlinked", dir, () -> delegate.createUnlinked(cred, dir, attrs));
    }

    @Override
    public CompletionStage<Void> discardUnlinked(Cred cred, FileHandle fh) {
        return hook.around("discardUnlinked", fh, () -> delegate.discardUnlinked(cred, fh));
    }

    @Override
    public CompletionStage<Wcc> linkAt(Cred cred, FileHandle fh, FileHandle dir, String name, boolean replace) {
        return hook.around("linkAt", dir, () -> delegate.linkAt(cred, fh, dir, name, replace));
    }

    @Override
    public CompletionStage<Wcc> allocate(Cred cred, FileHandle fh, long offset, long length) {
        return hook.around("allocate", fh, () -> delegate.allocate(cred, fh, offset, length));
    }

    @Override
    public CompletionStage<Wcc> deallocate(Cred cred, FileHandle fh, long offset, long length) {
        return hook.around("deallocate", fh, () -> delegate.deallocate(cred, fh, offset, length));
    }

    @Override
    public CompletionStage<Long> seek(Cred cred, FileHandle fh, long offset, Whence whence) {
        return hook.around("seek", fh, () -> delegate.seek(cred, fh, offset, whence));
    }

    @Override
    public CompletionStage<Long> copyRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                           long length) {
        return hook.around("copyRange", dst, () -> delegate.copyRange(cred, src, srcOffset, dst, dstOffset, length));
    }

    @Override
    public CompletionStage<Wcc> cloneRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                           long length) {
        return hook.around("cloneRange", dst, () -> delegate.cloneRange(cred, src, srcOffset, dst, dstOffset, length));
    }

    @Override
    public CompletionStage<byte[]> getXattr(Cred cred, FileHandle fh, String name) {
        return hook.around("getXattr", fh, () -> delegate.getXattr(cred, fh, name));
    }

    @Override
    public CompletionStage<Void> setXattr(Cred cred, FileHandle fh, String name, byte[] value, XattrMode mode) {
        return hook.around("setXattr", fh, () -> delegate.setXattr(cred, fh, name, value, mode));
    }

    @Override
    public CompletionStage<List<String>> listXattrs(Cred cred, FileHandle fh) {
        return hook.around("listXattrs", fh, () -> delegate.listXattrs(cred, fh));
    }

    @Override
    public CompletionStage<Void> removeXattr(Cred cred, FileHandle fh, String name) {
        return hook.around("removeXattr", fh, () -> delegate.removeXattr(cred, fh, name));
    }

    @Override
    public CompletionStage<FsStat> statfs(Cred cred, FileHandle fh) {
        return hook.around("statfs", fh, () -> delegate.statfs(cred, fh));
    }

    @Override
    public MountState detach() {
        return delegate.detach();
    }

    @Override
    public void unmount() {
        delegate.unmount();
    }
}

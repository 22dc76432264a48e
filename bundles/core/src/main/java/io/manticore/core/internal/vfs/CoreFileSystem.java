package io.manticore.core.internal.vfs;

import static io.manticore.core.internal.vfs.PosixPermissions.EXECUTE;
import static io.manticore.core.internal.vfs.PosixPermissions.READ;
import static io.manticore.core.internal.vfs.PosixPermissions.WRITE;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.Committed;
import io.manticore.api.vfs.Created;
import io.manticore.api.vfs.DirEntry;
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
import io.manticore.api.vfs.VfsChange.Kind;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsMount;
import io.manticore.api.vfs.Wcc;
import io.manticore.api.vfs.Whence;
import io.manticore.api.vfs.WriteResult;
import io.manticore.api.vfs.XattrMode;
import io.manticore.core.internal.cache.AttrCache;
import io.manticore.core.internal.cache.NameCache;
import io.manticore.core.internal.cache.OpenFileCache;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;

/**
 * Core's {@link Vfs} (DESIGN.md sections 3 and 5): validates names, finds the mount, checks
 * permissions when the backend does not, serves and maintains the attribute, name and
 * open-file caches, dispatches to the backend and publishes a change after each mutation.
 */
final class CoreFileSystem implements Vfs {

    private final MountTable table;
    private final CallRunner runner;
    private final PermissionGate gate;
    private final CachedLookups lookups;
    private final AccessRules rules;
    private final AttrCache attrCache;
    private final NameCache nameCache;
    private final OpenFileCache openFiles;
    private final ChangePublisher changes;
    private final LeaseBreaks breaks;

    CoreFileSystem(MountTable table, CallRunner runner, AttrCache attrCache, NameCache nameCache,
                   OpenFileCache openFiles, ChangePublisher changes, LeaseBreaks breaks) {
        this.table = table;
        this.runner = runner;
        this.gate = new PermissionGate(attrCache);
        this.lookups = new CachedLookups(gate, attrCache, nameCache);
        this.rules = new AccessRules(gate, lookups);
        this.attrCache = attrCache;
        this.nameCache = nameCache;
        this.openFiles = openFiles;
        this.changes = changes;
        this.breaks = breaks;
    }

    // --- the namespace

    @Override
    public FileHandle root(String mount) {
        MountEntry entry = table.byName(mount);
        if (entry == null) {
            throw new VfsException(VfsError.NOENT, "no mount named " + mount);
        }
        FileHandle root = entry.root();
        if (root == null) {
            VfsError error = entry.phase() == MountEntry.Phase.FAILED ? VfsError.IO : VfsError.DELAY;
            throw new VfsException(error, "mount " + mount + " was never mounted: " + entry.detail());
        }
        return root;
    }

    @Override
    public CompletionStage<Lookup> resolve(Cred cred, String path) {
        if (path == null || !path.startsWith("/")) {
            return Faults.failed(VfsError.INVAL, "not an absolute path: " + path);
        }
        List<String> components = Arrays.stream(path.split("/")).filter(c -> !c.isEmpty()).toList();
        if (components.isEmpty()) {
            return Faults.failed(VfsError.NOENT, "the namespace root is no mount");
        }
        FileHandle root;
        try {
            root = root(components.get(0));
        } catch (VfsException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletionStage<Lookup> walk = getattr(cred, root, AttrMask.ALL).thenApply(attrs -> new Lookup(root, attrs, attrs));
        for (String component : components.subList(1, components.size())) {
            walk = walk.thenCompose(parent -> lookup(cred, parent.fh(), component, AttrMask.ALL));
        }
        CompletableFuture<Lookup> result = new CompletableFuture<>();
        walk.whenComplete((found, failure) -> {
            if (failure == null) {
                result.complete(found);
            } else {
                result.completeExceptionally(Faults.toVfsException(failure, "resolve " + path));
            }
        });
        return result;
    }

    @Override
    public CompletionStage<Attrs> getattr(Cred cred, FileHandle fh, AttrMask want) {
        return runner.run(fh, "getattr", live -> gate.attrs(live, cred, fh));
    }

    @Override
    public CompletionStage<Wcc> setattr(Cred cred, FileHandle fh, SetAttrs set, Guard guard) {
        return runner.run(fh, "setattr", live -> rules.authorizeSetattr(live, cred, fh, set)
                .thenCompose(allowed -> set.size() == null ? CompletableFuture.completedFuture(allowed)
                        : breaks.before(cred, fh, LeaseBreaks.FOR_WRITE).thenApply(broken -> allowed))
                .thenCompose(allowed -> live.call("setattr", () -> live.backend().setattr(cred, fh, allowed, guard)))
                .whenComplete((wcc, failure) -> {
                    if (failure != null && VfsException.errorOf(failure) == VfsError.NOT_SYNC) {
                        attrCache.invalidate(fh);
                    }
                })
                .thenApply(wcc -> {
                    updateFile(fh, wcc);
                    changes.file(fh, set.size() != null ? Kind.MODIFIED : Kind.ATTRIBUTES);
                    return wcc;
                }));
    }

    @Override
    public CompletionStage<Lookup> lookup(Cred cred, FileHandle dir, String name, AttrMask want) {
        VfsError invalid = Names.checkLookup(name);
        if (invalid != null) {
            return Faults.failed(invalid, "invalid name");
        }
        return runner.run(dir, "lookup", live -> gate.requireDirectory(live, cred, dir, EXECUTE)
                .thenCompose(dirAttrs -> switch (name) {
                    case "." -> lookups.self(live, cred, dir, dirAttrs);
                    case ".." -> lookups.parent(live, cred, dir, want);
                    default -> lookups.child(live, cred, dir, name, dirAttrs);
                }));
    }

    @Override
    public CompletionStage<Lookup> getParent(Cred cred, FileHandle dir, AttrMask want) {
        return runner.run(dir, "getParent", live -> gate.requireDirectory(live, cred, dir, EXECUTE)
                .thenCompose(dirAttrs -> lookups.parent(live, cred, dir, want)));
    }

    @Override
    public CompletionStage<DirPage> readdir(Cred cred, FileHandle dir, long cookie, long verifier, int maxEntries,
                                            AttrMask want) {
        return runner.run(dir, "readdir", live -> gate.requireDirectory(live, cred, dir, READ).thenCompose(checked -> {
            long attrStamp = attrCache.stamp();
            long nameStamp = nameCache.stamp();
            return live.call("readdir", () -> live.backend().readdir(cred, dir, cookie, verifier, maxEntries, want))
                    .thenApply(page -> {
                        attrCache.fill(dir, page.dirAttrs(), attrStamp);
                        for (DirEntry entry : page.entries()) {
                            if (entry.fh() != null) {
                                attrCache.fill(entry.fh(), entry.attrs(), attrStamp);
                                nameCache.fill(dir, entry.name(), entry.fh(), nameStamp);
                            }
                        }
                        return page;
                    });
        }));
    }

    @Override
    public CompletionStage<Created> mkdir(Cred cred, FileHandle dir, String name, SetAttrs attrs) {
        return create(cred, dir, name, "mkdir", backend -> backend.mkdir(cred, dir, name, attrs));
    }

    @Override
    public CompletionStage<Created> mknod(Cred cred, FileHandle dir, String name, FileType type, SetAttrs attrs,
                                          long rdev) {
        return create(cred, dir, name, "mknod", backend -> backend.mknod(cred, dir, name, type, attrs, rdev));
    }

    @Override
    public CompletionStage<Created> symlink(Cred cred, FileHandle dir, String name, String target, SetAttrs attrs) {
        return create(cred, dir, name, "symlink", backend -> backend.symlink(cred, dir, name, target, attrs));
    }

    @Override
    public CompletionStage<String> readlink(Cred cred, FileHandle fh) {
        return runner.run(fh, "readlink", live -> live.call("readlink", () -> live.backend().readlink(cred, fh)));
    }

    @Override
    public CompletionStage<LinkResult> link(Cred cred, FileHandle fh, FileHandle dir, String name) {
        VfsError invalid = Names.checkEntry(name);
        if (invalid != null) {
            return Faults.failed(invalid, "invalid name");
        }
        if (!fh.mountId().equals(dir.mountId())) {
            return Faults.failed(VfsError.XDEV, "a link must stay on its mount");
        }
        return runner.run(dir, "link", live -> gate.requireDirectory(live, cred, dir, WRITE | EXECUTE)
                .thenCompose(checked -> live.call("link", () -> live.backend().link(cred, fh, dir, name)))
                .thenApply(result -> {
                    updateOrInvalidate(fh, result.attrs());
                    updateDirectory(dir, result.dir());
                    nameCache.add(dir, name, fh);
                    changes.entry(dir, name, fh, Kind.ADDED);
                    return result;
                }));
    }

    @Override
    public CompletionStage<RenameResult> rename(Cred cred, FileHandle fromDir, String fromName, FileHandle toDir,
                                                String toName) {
        VfsError invalid = Names.checkEntry(fromName);
        if (invalid == null) {
            invalid = Names.checkEntry(toName);
        }
        if (invalid != null) {
            return Faults.failed(invalid, "invalid name");
        }
        if (!fromDir.mountId().equals(toDir.mountId())) {
            return Faults.failed(VfsError.XDEV, "a rename must stay on its mount");
        }
        return runner.run(fromDir, "rename", live -> rules.authorizeRename(live, cred, fromDir, fromName, toDir, toName)
                .thenCompose(checked -> lookups.handleOf(live, cred, fromDir, fromName))
                .thenCompose(moved -> breakNameChange(cred, moved).thenCompose(broken -> lookups.handleOf(live, cred, toDir, toName)))
                .thenCompose(replaced -> breakNameChange(cred, replaced).thenApply(broken -> replaced))
                .thenCompose(replaced -> {
                    FileHandle moved = nameCache.peek(fromDir, fromName);
                    return live.call("rename",
                                    () -> live.backend().rename(cred, fromDir, fromName, toDir, toName))
                            .thenApply(result -> {
                                nameCache.invalidate(fromDir, fromName);
                                nameCache.invalidate(toDir, toName);
                                updateDirectory(fromDir, result.fromDir());
                                updateDirectory(toDir, result.toDir());
                                if (moved != null) {
                                    attrCache.invalidate(moved);
                                }
                                if (replaced != null && !replaced.equals(moved)) {
                                    forgetRemoved(replaced);
                                    openFiles.close(replaced);
                                }
                                changes.entry(fromDir, fromName, moved, Kind.RENAMED_FROM);
                                changes.entry(toDir, toName, moved, Kind.RENAMED_TO);
                                return result;
                            });
                }));
    }

    @Override
    public CompletionStage<Wcc> remove(Cred cred, FileHandle dir, String name) {
        VfsError invalid = Names.checkEntry(name);
        if (invalid != null) {
            return Faults.failed(invalid, "invalid name");
        }
        return runner.run(dir, "remove", live -> rules.authorizeDelete(live, cred, dir, name)
                .thenCompose(checked -> lookups.handleOf(live, cred, dir, name))
                .thenCompose(victim -> breakNameChange(cred, victim).thenApply(broken -> victim))
                .thenCompose(victim -> live.call("remove", () -> live.backend().remove(cred, dir, name)).thenApply(wcc -> {
                    nameCache.invalidate(dir, name);
                    updateDirectory(dir, wcc);
                    if (victim != null) {
                        attrCache.invalidate(victim);
                        // Core's own open of the file would keep its data after the last name is gone.
                        openFiles.close(victim);
                    }
                    changes.entry(dir, name, victim, Kind.REMOVED);
                    return wcc;
                })));
    }

    @Override
    public CompletionStage<Wcc> rmdir(Cred cred, FileHandle dir, String name) {
        // Linux: rmdir(".") is EINVAL, rmdir("..") is ENOTEMPTY.
        VfsError invalid = "..".equals(name) ? VfsError.NOTEMPTY : Names.checkEntry(name);
        if (invalid != null) {
            return Faults.failed(invalid, "cannot remove " + name);
        }
        return runner.run(dir, "rmdir", live -> rules.authorizeDelete(live, cred, dir, name)
                .thenCompose(checked -> lookups.handleOf(live, cred, dir, name))
                .thenCompose(victim -> live.call("rmdir", () -> live.backend().rmdir(cred, dir, name))
                        .thenApply(wcc -> {
                            nameCache.invalidate(dir, name);
                            updateDirectory(dir, wcc);
                            if (victim != null) {
                                forgetRemoved(victim);
                            }
                            changes.entry(dir, name, victim, Kind.REMOVED);
                            return wcc;
                        })));
    }

    // --- open and I/O

    @Override
    public CompletionStage<Opened> openAt(Cred cred, FileHandle dir, String name, OpenFlags flags,
                                          SetAttrs createAttrs, AttrMask want) {
        VfsError invalid = Names.checkEntry(name);
        if (invalid != null) {
            return Faults.failed(invalid, "invalid name");
        }
        return runner.run(dir, "openAt", live -> rules.authorizeOpenAt(live, cred, dir, name, flags)
                .thenCompose(checked -> !flags.truncate() ? CompletableFuture.completedFuture(null)
                        : lookups.handleOf(live, cred, dir, name).thenCompose(existing -> existing == null
                                ? CompletableFuture.completedFuture(null) : breaks.before(cred, existing, LeaseBreaks.FOR_WRITE)))
                .thenCompose(checked -> live.call("openAt",
                        () -> live.backend().openAt(cred, dir, name, flags, createAttrs, want)))
                .thenApply(opened -> {
                    FileHandle fh = opened.file().handle();
                    openFiles.install(fh, opened.file(), flags.write(), live.closer());
                    attrCache.update(fh, opened.attrs());
                    nameCache.add(dir, name, fh);
                    if (opened.created()) {
                        updateDirectory(dir, opened.dir());
                        changes.entry(dir, name, fh, Kind.ADDED);
                    } else {
                        if (opened.dir() != null) {
                            attrCache.update(dir, opened.dir().after());
                        }
                        if (flags.truncate()) {
                            changes.file(fh, Kind.MODIFIED);
                        }
                    }
                    return opened;
                }));
    }

    @Override
    public CompletionStage<ReadResult> read(Cred cred, FileHandle fh, long offset, int length) {
        return runner.run(fh, "read", live -> gate.require(live, cred, fh, READ)
                .thenCompose(checked -> breaks.before(cred, fh, LeaseBreaks.FOR_READ))
                .thenCompose(checked -> openFiles.acquire(fh, false, live.opener(cred, fh), live.closer()))
                .thenCompose(file -> {
                    long stamp = attrCache.stamp();
                    return live.call("read", () -> live.backend().read(cred, file.file(), offset, length))
                            .whenComplete((result, failure) -> {
                                file.release();
                                if (result != null) {
                                    attrCache.fill(fh, result.attrs(), stamp);
                                }
                            });
                }));
    }

    /** Takes ownership of {@code data}: the backend releases it, or core does when it fails the call first. */
    @Override
    public CompletionStage<WriteResult> write(Cred cred, FileHandle fh, long offset, ByteBuf data,
                                              Stability stability) {
        AtomicBoolean handedOver = new AtomicBoolean();
        return runner.run(fh, "write", live -> gate.require(live, cred, fh, WRITE)
                .thenCompose(checked -> breaks.before(cred, fh, LeaseBreaks.FOR_WRITE))
                .thenCompose(checked -> openFiles.acquire(fh, true, live.opener(cred, fh), live.closer()))
                .thenCompose(file -> live.call("write", () -> {
                    handedOver.set(true);
                    return live.backend().write(cred, file.file(), offset, data, stability);
                }).whenComplete((result, failure) -> file.release()))
                .thenApply(result -> {
                    updateFile(fh, result.wcc());
                    changes.file(fh, Kind.MODIFIED);
                    return result;
                }), () -> {
                    if (!handedOver.get()) {
                        ReferenceCountUtil.safeRelease(data);
                    }
                });
    }

    @Override
    public CompletionStage<Committed> commit(Cred cred, FileHandle fh, long offset, long count) {
        return runner.run(fh, "commit", live -> live.call("commit", () -> live.backend().commit(cred, fh, offset, count))
                .thenApply(committed -> {
                    updateFile(fh, committed.wcc());
                    return committed;
                }));
    }

    @Override
    public CompletionStage<Created> createUnlinked(Cred cred, FileHandle dir, SetAttrs attrs) {
        return runner.run(dir, "createUnlinked", live -> gate.requireDirectory(live, cred, dir, WRITE | EXECUTE)
                .thenCompose(checked -> live.call("createUnlinked", () -> live.backend().createUnlinked(cred, dir, attrs)))
                .thenApply(created -> {
                    attrCache.update(created.fh(), created.attrs());
                    updateDirectory(dir, created.dir());
                    return created;
                }));
    }

    @Override
    public CompletionStage<Void> discardUnlinked(Cred cred, FileHandle fh) {
        return runner.run(fh, "discardUnlinked", live -> openFiles.close(fh)
                .thenCompose(closed -> live.call("discardUnlinked", () -> live.backend().discardUnlinked(cred, fh)))
                .thenApply(done -> {
                    attrCache.invalidate(fh);
                    return done;
                }));
    }

    @Override
    public CompletionStage<Wcc> linkAt(Cred cred, FileHandle fh, FileHandle dir, String name, boolean replace) {
        VfsError invalid = Names.checkEntry(name);
        if (invalid != null) {
            return Faults.failed(invalid, "invalid name");
        }
        if (!fh.mountId().equals(dir.mountId())) {
            return Faults.failed(VfsError.XDEV, "a link must stay on its mount");
        }
        return runner.run(dir, "linkAt", live -> rules.authorizeLinkAt(live, cred, dir, name, replace)
                .thenCompose(checked -> replace ? lookups.handleOf(live, cred, dir, name) : CompletableFuture.completedFuture(null))
                .thenCompose(replaced -> breakNameChange(cred, replaced).thenApply(broken -> replaced))
                .thenCompose(replaced -> live.call("linkAt", () -> live.backend().linkAt(cred, fh, dir, name, replace)).thenApply(wcc -> {
                    nameCache.add(dir, name, fh);
                    updateDirectory(dir, wcc);
                    attrCache.invalidate(fh);
                    if (replaced != null && !replaced.equals(fh)) {
                        forgetRemoved(replaced);
                        // As for rename over a file: core's own open would keep the replaced data alive.
                        openFiles.close(replaced);
                    }
                    changes.entry(dir, name, fh, Kind.ADDED);
                    return wcc;
                })));
    }

    @Override
    public CompletionStage<Wcc> allocate(Cred cred, FileHandle fh, long offset, long length) {
        return modifyData(cred, fh, "allocate", backend -> backend.allocate(cred, fh, offset, length));
    }

    @Override
    public CompletionStage<Wcc> deallocate(Cred cred, FileHandle fh, long offset, long length) {
        return modifyData(cred, fh, "deallocate", backend -> backend.deallocate(cred, fh, offset, length));
    }

    @Override
    public CompletionStage<Long> seek(Cred cred, FileHandle fh, long offset, Whence whence) {
        return runner.run(fh, "seek", live -> gate.require(live, cred, fh, READ)
                .thenCompose(checked -> live.call("seek", () -> live.backend().seek(cred, fh, offset, whence))));
    }

    @Override
    public CompletionStage<Long> copyRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                           long length) {
        if (!src.mountId().equals(dst.mountId())) {
            return Faults.failed(VfsError.XDEV, "a copy must stay on its mount");
        }
        return runner.run(dst, "copyRange", live -> gate.require(live, cred, src, READ)
                .thenCompose(checked -> gate.require(live, cred, dst, WRITE))
                .thenCompose(checked -> breaks.before(cred, dst, LeaseBreaks.FOR_WRITE))
                .thenCompose(checked -> live.call("copyRange",
                        () -> live.backend().copyRange(cred, src, srcOffset, dst, dstOffset, length)))
                .thenApply(copied -> {
                    attrCache.invalidate(dst);
                    changes.file(dst, Kind.MODIFIED);
                    return copied;
                }));
    }

    @Override
    public CompletionStage<Wcc> cloneRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst, long dstOffset,
                                           long length) {
        if (!src.mountId().equals(dst.mountId())) {
            return Faults.failed(VfsError.XDEV, "a clone must stay on its mount");
        }
        return runner.run(dst, "cloneRange", live -> gate.require(live, cred, src, READ)
                .thenCompose(checked -> gate.require(live, cred, dst, WRITE))
                .thenCompose(checked -> breaks.before(cred, dst, LeaseBreaks.FOR_WRITE))
                .thenCompose(checked -> live.call("cloneRange",
                        () -> live.backend().cloneRange(cred, src, srcOffset, dst, dstOffset, length)))
                .thenApply(wcc -> {
                    updateFile(dst, wcc);
                    changes.file(dst, Kind.MODIFIED);
                    return wcc;
                }));
    }

    // --- extended attributes

    @Override
    public CompletionStage<byte[]> getXattr(Cred cred, FileHandle fh, String name) {
        return runner.run(fh, "getXattr", live -> gate.require(live, cred, fh, READ)
                .thenCompose(checked -> live.call("getXattr", () -> live.backend().getXattr(cred, fh, name))));
    }

    @Override
    public CompletionStage<Void> setXattr(Cred cred, FileHandle fh, String name, byte[] value, XattrMode mode) {
        return changeXattrs(cred, fh, "setXattr", backend -> backend.setXattr(cred, fh, name, value, mode));
    }

    @Override
    public CompletionStage<List<String>> listXattrs(Cred cred, FileHandle fh) {
        return runner.run(fh, "listXattrs", live -> gate.require(live, cred, fh, READ)
                .thenCompose(checked -> live.call("listXattrs", () -> live.backend().listXattrs(cred, fh))));
    }

    @Override
    public CompletionStage<Void> removeXattr(Cred cred, FileHandle fh, String name) {
        return changeXattrs(cred, fh, "removeXattr", backend -> backend.removeXattr(cred, fh, name));
    }

    // --- the file system

    @Override
    public CompletionStage<FsStat> statfs(Cred cred, FileHandle fh) {
        return runner.run(fh, "statfs", live -> live.call("statfs", () -> live.backend().statfs(cred, fh)));
    }

    @Override
    public Set<Capability> capabilities(FileHandle fh) {
        MountEntry entry = table.byId(fh.mountId());
        if (entry == null) {
            throw new VfsException(VfsError.STALE, "no mount has the id of " + fh);
        }
        return entry.capabilities();
    }

    // --- shared steps

    private CompletionStage<Created> create(Cred cred, FileHandle dir, String name, String operation,
                                            Function<VfsMount, CompletionStage<Created>> call) {
        VfsError invalid = Names.checkEntry(name);
        if (invalid != null) {
            return Faults.failed(invalid, "invalid name");
        }
        return runner.run(dir, operation, live -> gate.requireDirectory(live, cred, dir, WRITE | EXECUTE)
                .thenCompose(checked -> live.call(operation, () -> call.apply(live.backend())))
                .thenApply(created -> {
                    attrCache.update(created.fh(), created.attrs());
                    updateDirectory(dir, created.dir());
                    nameCache.add(dir, name, created.fh());
                    changes.entry(dir, name, created.fh(), Kind.ADDED);
                    return created;
                }));
    }

    /** Breaks the H of other keys' leases on a file whose name goes or changes; nothing when there is no such file. */
    private CompletionStage<Void> breakNameChange(Cred cred, FileHandle file) {
        return file == null ? CompletableFuture.completedFuture(null) : breaks.before(cred, file, LeaseBreaks.FOR_NAME_CHANGE);
    }

    private CompletionStage<Wcc> modifyData(Cred cred, FileHandle fh, String operation,
                                            Function<VfsMount, CompletionStage<Wcc>> call) {
        return runner.run(fh, operation, live -> gate.require(live, cred, fh, WRITE)
                .thenCompose(checked -> breaks.before(cred, fh, LeaseBreaks.FOR_WRITE))
                .thenCompose(checked -> live.call(operation, () -> call.apply(live.backend())))
                .thenApply(wcc -> {
                    updateFile(fh, wcc);
                    changes.file(fh, Kind.MODIFIED);
                    return wcc;
                }));
    }

    private CompletionStage<Void> changeXattrs(Cred cred, FileHandle fh, String operation,
                                               Function<VfsMount, CompletionStage<Void>> call) {
        return runner.run(fh, operation, live -> gate.require(live, cred, fh, WRITE)
                .thenCompose(checked -> breaks.before(cred, fh, LeaseBreaks.FOR_WRITE))
                .thenCompose(checked -> live.call(operation, () -> call.apply(live.backend())))
                .thenApply(done -> {
                    attrCache.invalidate(fh);
                    changes.file(fh, Kind.ATTRIBUTES);
                    return done;
                }));
    }

    // --- cache maintenance after mutations

    private void updateFile(FileHandle fh, Wcc wcc) {
        updateOrInvalidate(fh, wcc == null ? null : wcc.after());
    }

    private void updateDirectory(FileHandle dir, Wcc wcc) {
        updateOrInvalidate(dir, wcc == null ? null : wcc.after());
    }

    private void updateOrInvalidate(FileHandle fh, Attrs after) {
        if (after != null) {
            attrCache.update(fh, after);
        } else {
            attrCache.invalidate(fh);
        }
    }

    /** A removed or replaced object: its attributes and, for a directory, its names are gone. */
    private void forgetRemoved(FileHandle fh) {
        attrCache.invalidate(fh);
        nameCache.invalidateDirectory(fh);
    }
}

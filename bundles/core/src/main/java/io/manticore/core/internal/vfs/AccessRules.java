package io.manticore.core.internal.vfs;

import static io.manticore.core.internal.vfs.PosixPermissions.EXECUTE;
import static io.manticore.core.internal.vfs.PosixPermissions.READ;
import static io.manticore.core.internal.vfs.PosixPermissions.WRITE;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * The permission checks of calls that need more than one file's attributes (the directory
 * and the entry in it), for mounts whose backend does not check permissions itself.
 */
final class AccessRules {

    private final PermissionGate gate;
    private final CachedLookups lookups;

    AccessRules(PermissionGate gate, CachedLookups lookups) {
        this.gate = gate;
        this.lookups = lookups;
    }

    /** The change a SETATTR may make (see {@link PosixPermissions#authorizeSetattr}). */
    CompletionStage<SetAttrs> authorizeSetattr(LiveMount live, Cred cred, FileHandle fh, SetAttrs set) {
        if (!live.corePermissions()) {
            return CompletableFuture.completedFuture(set);
        }
        return gate.attrs(live, cred, fh).thenApply(current -> PosixPermissions.authorizeSetattr(cred, current, set));
    }

    /** W and X on the directory, and in a sticky directory ownership of the entry or the directory. */
    CompletionStage<Void> authorizeDelete(LiveMount live, Cred cred, FileHandle dir, String name) {
        return gate.requireDirectory(live, cred, dir, WRITE | EXECUTE)
                .thenCompose(dirAttrs -> mayDelete(live, cred, dir, dirAttrs, name, false));
    }

    private CompletionStage<Void> mayDelete(LiveMount live, Cred cred, FileHandle dir, Attrs dirAttrs, String name,
                                            boolean missingIsFine) {
        if (dirAttrs == null || !PosixPermissions.isSticky(dirAttrs) || cred.isRoot() || cred.uid() == dirAttrs.uid()) {
            return CompletableFuture.completedFuture(null);
        }
        return lookups.child(live, cred, dir, name, dirAttrs).handle((found, failure) -> {
            if (found != null) {
                PosixPermissions.requireMayDelete(cred, dirAttrs, found.attrs());
                return null;
            }
            if (missingIsFine && VfsException.errorOf(failure) == VfsError.NOENT) {
                return null;
            }
            throw Faults.toVfsException(failure, "lookup of " + name);
        });
    }

    /**
     * W and X on both directories; in a sticky directory ownership of the entry moved and of
     * the entry replaced (or of the directory); W on a directory moved to another parent.
     */
    CompletionStage<Void> authorizeRename(LiveMount live, Cred cred, FileHandle fromDir, String fromName,
                                                  FileHandle toDir, String toName) {
        if (!live.corePermissions()) {
            return CompletableFuture.completedFuture(null);
        }
        boolean sameDir = fromDir.equals(toDir);
        return gate.requireDirectory(live, cred, fromDir, WRITE | EXECUTE).thenCompose(fromAttrs -> {
            CompletionStage<Attrs> toAttrsStage = sameDir
                    ? CompletableFuture.completedFuture(fromAttrs)
                    : gate.requireDirectory(live, cred, toDir, WRITE | EXECUTE);
            return toAttrsStage.thenCompose(toAttrs -> lookups.child(live, cred, fromDir, fromName, fromAttrs)
                    .thenCompose(source -> {
                        PosixPermissions.requireMayDelete(cred, fromAttrs, source.attrs());
                        // Moving a directory to another parent rewrites its "..": that needs write access to it.
                        if (!sameDir && source.attrs().isDirectory()) {
                            PosixPermissions.require(cred, source.attrs(), WRITE);
                        }
                        return mayDelete(live, cred, toDir, toAttrs, toName, true);
                    }));
        });
    }

    /** W and X on the directory; ownership of a replaced entry in a sticky directory. */
    CompletionStage<Void> authorizeLinkAt(LiveMount live, Cred cred, FileHandle dir, String name,
                                                  boolean replace) {
        return gate.requireDirectory(live, cred, dir, WRITE | EXECUTE)
                .thenCompose(dirAttrs -> replace
                        ? mayDelete(live, cred, dir, dirAttrs, name, true)
                        : CompletableFuture.completedFuture(null));
    }

    /**
     * X on the directory; for an existing file the access the flags ask (W to truncate); for a
     * file to create, W and X on the directory. An exclusive create of an existing file is
     * left to the backend, which answers EXIST (or recognises a retry).
     */
    CompletionStage<Void> authorizeOpenAt(LiveMount live, Cred cred, FileHandle dir, String name,
                                                  OpenFlags flags) {
        if (!live.corePermissions()) {
            return CompletableFuture.completedFuture(null);
        }
        return gate.requireDirectory(live, cred, dir, EXECUTE).thenCompose(dirAttrs ->
                lookups.child(live, cred, dir, name, dirAttrs).handle((found, failure) -> {
                    if (found != null) {
                        boolean exclusive = flags.mode() == CreateMode.CREATE_NEW || flags.mode() == CreateMode.EXCLUSIVE;
                        int access = (flags.read() ? READ : 0) | (flags.write() || flags.truncate() ? WRITE : 0);
                        if (!exclusive) {
                            PosixPermissions.require(cred, found.attrs(), access);
                        }
                        return null;
                    }
                    if (flags.mode() != CreateMode.OPEN_EXISTING && VfsException.errorOf(failure) == VfsError.NOENT) {
                        PosixPermissions.require(cred, dirAttrs, WRITE | EXECUTE);
                        return null;
                    }
                    throw Faults.toVfsException(failure, "lookup of " + name);
                }));
    }
}

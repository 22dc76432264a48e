package io.manticore.core.internal.vfs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.core.internal.cache.AttrCache;
import io.manticore.core.internal.cache.NameCache;

/**
 * Lookups through the name and attribute caches: served from them when both know the answer,
 * else asked of the backend and cached (NOENT too). Callers have checked search permission.
 */
final class CachedLookups {

    private final PermissionGate gate;
    private final AttrCache attrCache;
    private final NameCache nameCache;

    CachedLookups(PermissionGate gate, AttrCache attrCache, NameCache nameCache) {
        this.gate = gate;
        this.attrCache = attrCache;
        this.nameCache = nameCache;
    }

    /** "." in {@code dir}: the directory itself, with {@code known} attributes when given. */
    CompletionStage<Lookup> self(LiveMount live, Cred cred, FileHandle dir, Attrs known) {
        if (known != null) {
            return CompletableFuture.completedFuture(new Lookup(dir, known, known));
        }
        return gate.attrs(live, cred, dir).thenApply(attrs -> new Lookup(dir, attrs, attrs));
    }

    /** ".." of {@code dir}, from the backend. */
    CompletionStage<Lookup> parent(LiveMount live, Cred cred, FileHandle dir, AttrMask want) {
        long stamp = attrCache.stamp();
        return live.call("getParent", () -> live.backend().getParent(cred, dir, want)).thenApply(found -> {
            attrCache.fill(found.fh(), found.attrs(), stamp);
            attrCache.fill(dir, found.dirAttrs(), stamp);
            return found;
        });
    }

    /** {@code name} in {@code dir}; {@code knownDirAttrs} are the directory's, when the caller has them. */
    CompletionStage<Lookup> child(LiveMount live, Cred cred, FileHandle dir, String name, Attrs knownDirAttrs) {
        NameCache.Entry cached = nameCache.lookup(dir, name);
        if (cached != null) {
            if (cached.negative()) {
                return Faults.failed(VfsError.NOENT);
            }
            Attrs attrs = attrCache.get(cached.fh());
            Attrs dirAttrs = knownDirAttrs != null ? knownDirAttrs : attrCache.get(dir);
            if (attrs != null && dirAttrs != null) {
                return CompletableFuture.completedFuture(new Lookup(cached.fh(), attrs, dirAttrs));
            }
        }
        long nameStamp = nameCache.stamp();
        long attrStamp = attrCache.stamp();
        return live.call("lookup", () -> live.backend().lookup(cred, dir, name, AttrMask.ALL))
                .whenComplete((found, failure) -> {
                    if (found != null) {
                        nameCache.fill(dir, name, found.fh(), nameStamp);
                        attrCache.fill(found.fh(), found.attrs(), attrStamp);
                        attrCache.fill(dir, found.dirAttrs(), attrStamp);
                    } else if (VfsException.errorOf(failure) == VfsError.NOENT) {
                        nameCache.fill(dir, name, null, nameStamp);
                    }
                });
    }

    /** The handle {@code name} names in {@code dir}, or null when it cannot be found. */
    CompletionStage<FileHandle> handleOf(LiveMount live, Cred cred, FileHandle dir, String name) {
        FileHandle known = nameCache.peek(dir, name);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return child(live, cred, dir, name, null).handle((found, failure) -> found == null ? null : found.fh());
    }
}

package io.manticore.core.internal.vfs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.core.internal.cache.AttrCache;

/**
 * Attributes through the attribute cache (a backend getattr on a miss), and the permission
 * checks built on them for mounts whose backend does not check permissions itself.
 */
final class PermissionGate {

    private static final CompletableFuture<Attrs> UNCHECKED = CompletableFuture.completedFuture(null);

    private final AttrCache attrCache;

    PermissionGate(AttrCache attrCache) {
        this.attrCache = attrCache;
    }

    /** The attributes of {@code fh}, cached or fetched (and cached). */
    CompletionStage<Attrs> attrs(LiveMount live, Cred cred, FileHandle fh) {
        Attrs cached = attrCache.get(fh);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        long stamp = attrCache.stamp();
        return live.call("getattr", () -> live.backend().getattr(cred, fh, AttrMask.ALL))
                .thenApply(attrs -> {
                    attrCache.fill(fh, attrs, stamp);
                    return attrs;
                });
    }

    /**
     * Completes with the attributes of {@code fh} when {@code cred} has {@code access} on it,
     * fails ACCES otherwise; completes with null, checking nothing, when the backend checks.
     */
    CompletionStage<Attrs> require(LiveMount live, Cred cred, FileHandle fh, int access) {
        if (!live.corePermissions()) {
            return UNCHECKED;
        }
        return attrs(live, cred, fh).thenApply(attrs -> {
            PosixPermissions.require(cred, attrs, access);
            return attrs;
        });
    }

    /** As {@link #require}, failing NOTDIR first when {@code dir} is not a directory. */
    CompletionStage<Attrs> requireDirectory(LiveMount live, Cred cred, FileHandle dir, int access) {
        if (!live.corePermissions()) {
            return UNCHECKED;
        }
        return attrs(live, cred, dir).thenApply(attrs -> {
            PosixPermissions.requireDirectory(cred, attrs, access);
            return attrs;
        });
    }
}

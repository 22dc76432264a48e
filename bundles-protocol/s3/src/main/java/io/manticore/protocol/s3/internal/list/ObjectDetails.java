package io.manticore.protocol.s3.internal.list;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.s3.internal.meta.ObjectStore;

/**
 * The current attributes and ETag of each object of a page, a few at a time. An object gone
 * since the walk saw it, or one the caller may not read, is left out (null in the result).
 */
final class ObjectDetails {

    /** Objects whose details are fetched at once (an ETag may mean reading the whole file). */
    static final int WIDTH = 16;

    private final Vfs vfs;
    private final ObjectStore objects;
    private final Cred cred;
    private final List<Listed> items;
    private final AtomicReferenceArray<ListedObject> results;
    private final AtomicInteger finished = new AtomicInteger();
    private final CompletableFuture<List<ListedObject>> done = new CompletableFuture<>();
    private final Trampoline loop = new Trampoline(this::launch);
    private int launched;

    private ObjectDetails(Vfs vfs, ObjectStore objects, Cred cred, List<Listed> items) {
        this.vfs = vfs;
        this.objects = objects;
        this.cred = cred;
        this.items = items;
        this.results = new AtomicReferenceArray<>(items.size());
    }

    /** One entry per item of {@code items}: its details, or null for a common prefix or a left-out object. */
    static CompletionStage<List<ListedObject>> of(Vfs vfs, ObjectStore objects, Cred cred, List<Listed> items) {
        ObjectDetails details = new ObjectDetails(vfs, objects, cred, items);
        details.loop.signal();
        return details.done;
    }

    private void launch() {
        if (done.isDone()) {
            return;
        }
        while (launched < items.size() && launched - finished.get() < WIDTH) {
            int i = launched++;
            Listed item = items.get(i);
            if (item.commonPrefix()) {
                finished.incrementAndGet();
                continue;
            }
            fetch(item).whenComplete((object, failure) -> {
                if (failure != null && !leftOut(failure)) {
                    done.completeExceptionally(failure);
                } else if (failure == null) {
                    results.set(i, object);
                }
                finished.incrementAndGet();
                loop.signal();
            });
        }
        if (finished.get() == items.size()) {
            ListedObject[] all = new ListedObject[items.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = results.get(i);
            }
            done.complete(new ArrayList<>(Arrays.asList(all)));
        }
    }

    private CompletionStage<ListedObject> fetch(Listed item) {
        return vfs.getattr(cred, item.fh(), AttrMask.ALL).thenCompose(attrs -> {
            if (!kindMatches(item, attrs)) {
                throw new VfsException(VfsError.NOENT, "replaced since listed");
            }
            return objects.meta(cred, item.fh())
                    .thenCompose(meta -> objects.etag(cred, item.fh(), attrs, meta))
                    .thenApply(etag -> new ListedObject(item.text(), attrs, etag));
        });
    }

    /** A key ending in '/' is an empty folder; any other is a regular file. */
    private static boolean kindMatches(Listed item, Attrs attrs) {
        byte[] key = item.key();
        return key[key.length - 1] == DirListing.SLASH ? attrs.isDirectory() : attrs.isRegular();
    }

    private static boolean leftOut(Throwable failure) {
        VfsError e = VfsException.errorOf(failure);
        return e == VfsError.NOENT || e == VfsError.STALE || e == VfsError.ACCES || e == VfsError.PERM;
    }
}

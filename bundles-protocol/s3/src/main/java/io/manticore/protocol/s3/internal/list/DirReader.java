package io.manticore.protocol.s3.internal.list;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.DirPage;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * Reads a directory's sorted listing: a first small page tells whether the cached listing is
 * current (and checks the caller may read the directory); only otherwise are the remaining
 * pages read, sorted and cached.
 */
final class DirReader {

    /** A first page this long holds a small directory whole, which is then not cached. */
    static final int FIRST_PAGE = 128;
    static final int PAGE = 4096;
    /** Restarts of a read whose cookies the directory stopped honouring. */
    private static final int RESTARTS = 3;

    private final Vfs vfs;
    private final ListingCache cache;

    DirReader(Vfs vfs, ListingCache cache) {
        this.vfs = vfs;
        this.cache = cache;
    }

    CompletionStage<DirListing> read(Cred cred, FileHandle dir) {
        return vfs.readdir(cred, dir, 0, 0, FIRST_PAGE, DirListing.TYPE).thenCompose(first -> {
            if (first.eof()) {
                return CompletableFuture.completedFuture(DirListing.of(changeOf(first), first.entries()));
            }
            if (first.dirAttrs() != null) {
                DirListing cached = cache.get(dir, first.dirAttrs().change());
                if (cached != null) {
                    return CompletableFuture.completedFuture(cached);
                }
            }
            cache.counted();
            return new FullRead(cred, dir, first).start();
        });
    }

    private static long changeOf(DirPage page) {
        return page.dirAttrs() == null ? 0 : page.dirAttrs().change();
    }

    /** The rest of a directory, page after page, without nesting a stack frame per page. */
    private final class FullRead {
        private final Cred cred;
        private final FileHandle dir;
        private final CompletableFuture<DirListing> done = new CompletableFuture<>();
        private final Trampoline loop = new Trampoline(this::step);
        private final List<DirEntry> entries = new ArrayList<>();
        private final long firstChange;
        private volatile DirPage last;
        private volatile Throwable failure;
        private int restarts;

        FullRead(Cred cred, FileHandle dir, DirPage first) {
            this.cred = cred;
            this.dir = dir;
            this.firstChange = changeOf(first);
            this.last = first;
        }

        CompletionStage<DirListing> start() {
            loop.signal();
            return done;
        }

        private void step() {
            DirPage page = last;
            Throwable failed = failure;
            if (failed != null) {
                failure = null;
                if (VfsException.errorOf(failed) == VfsError.BAD_COOKIE && restarts++ < RESTARTS) {
                    entries.clear();
                    request(0, 0);
                } else {
                    done.completeExceptionally(failed);
                }
                return;
            }
            last = null;
            entries.addAll(page.entries());
            if (page.eof() || page.entries().isEmpty()) {
                finish(page);
                return;
            }
            request(page.entries().get(page.entries().size() - 1).cookie(), page.verifier());
        }

        private void request(long cookie, long verifier) {
            vfs.readdir(cred, dir, cookie, verifier, PAGE, DirListing.TYPE).whenComplete((page, t) -> {
                if (t != null) {
                    failure = t;
                } else {
                    last = page;
                }
                loop.signal();
            });
        }

        private void finish(DirPage lastPage) {
            long change = changeOf(lastPage);
            DirListing listing = DirListing.of(change, entries);
            // A directory that changed while read is answered as read, but not kept.
            if (lastPage.dirAttrs() != null && change == firstChange && restarts == 0) {
                cache.put(dir, listing);
            }
            done.complete(listing);
        }
    }
}

package io.manticore.core.internal.cache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import io.manticore.api.admin.CacheStats;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.OpenFile;

/**
 * Backend open files by handle (DESIGN.md section 5): reads and writes by handle share one
 * open file, counted while a call uses it. A file is closed when it has been idle longer than
 * the idle time ({@link #closeIdle()}, run periodically) or evicted when the cache is over
 * capacity; one in use is closed only after its last user releases it. A file opened for
 * reading is upgraded by opening it again for writing when a write needs it.
 */
public final class OpenFileCache {

    /** Opens a file on its backend. */
    @FunctionalInterface
    public interface Opener {
        CompletionStage<OpenFile> open(boolean write);
    }

    /** Closes a file on the backend that opened it. */
    @FunctionalInterface
    public interface Closer {
        CompletionStage<Void> close(OpenFile file);
    }

    private final ConcurrentHashMap<FileHandle, CachedOpenFile> files = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongSupplier nanoClock;
    private volatile int capacity;
    private volatile long idleNanos;

    public OpenFileCache(int capacity, long idleMillis) {
        this(capacity, idleMillis, System::nanoTime);
    }

    public OpenFileCache(int capacity, long idleMillis, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        setCapacity(capacity);
        setIdleMillis(idleMillis);
    }

    /**
     * One use of the open file of {@code fh} (writable when {@code write}), opening it with
     * {@code opener} when the cache has none; the caller must {@link CachedOpenFile#release()}
     * it. {@code closer} closes it later.
     */
    public CompletionStage<CachedOpenFile> acquire(FileHandle fh, boolean write, Opener opener, Closer closer) {
        while (true) {
            CachedOpenFile cached = files.get(fh);
            if (cached != null && (cached.writable() || !write)) {
                if (cached.tryUse()) {
                    hits.increment();
                    return cached.whenReady();
                }
                files.remove(fh, cached);
                continue;
            }
            CachedOpenFile fresh = new CachedOpenFile(fh, write, closer, nanoClock);
            fresh.tryUse();
            if (capacity == 0) {
                fresh.retire();
            } else if (cached == null ? files.putIfAbsent(fh, fresh) != null : !files.replace(fh, cached, fresh)) {
                continue;
            }
            misses.increment();
            if (cached != null) {
                cached.retire();
            }
            evictOverCapacity();
            open(fresh, opener, write);
            return fresh.whenReady();
        }
    }

    /**
     * Adds a file opened elsewhere (create-or-open). A writable file already cached is kept
     * when the new one is read-only, and the new one is closed.
     */
    public void install(FileHandle fh, OpenFile file, boolean writable, Closer closer) {
        CachedOpenFile fresh = new CachedOpenFile(fh, writable, closer, nanoClock);
        fresh.opened(file, null);
        if (capacity == 0) {
            fresh.retire();
            return;
        }
        CachedOpenFile[] replaced = new CachedOpenFile[1];
        CachedOpenFile kept = files.compute(fh, (key, current) -> {
            if (current != null && current.writable() && !writable) {
                return current;
            }
            replaced[0] = current;
            return fresh;
        });
        if (kept != fresh) {
            fresh.retire();
            return;
        }
        if (replaced[0] != null) {
            replaced[0].retire();
        }
        evictOverCapacity();
    }

    /** Closes the files that were idle longer than the idle time; returns how many. */
    public int closeIdle() {
        long cutoff = nanoClock.getAsLong() - idleNanos;
        int closed = 0;
        for (CachedOpenFile file : files.values()) {
            if (file.retireIfIdleSince(cutoff)) {
                files.remove(file.handle(), file);
                evictions.increment();
                closed++;
            }
        }
        return closed;
    }

    /** Closes the cached open file of {@code fh}, if any, once nobody uses it (a lookup, not a scan). */
    public CompletableFuture<Void> close(FileHandle fh) {
        CachedOpenFile file = files.get(fh);
        if (file == null || !files.remove(fh, file)) {
            return CompletableFuture.completedFuture(null);
        }
        file.retire();
        return file.closed();
    }

    /** Closes every file of {@code mount}; completes when the backend closed them all. */
    public CompletableFuture<Void> closeMount(MountId mount) {
        return closeMatching(fh -> fh.mountId().equals(mount));
    }

    /** Closes every file; completes when the backends closed them all. */
    public CompletableFuture<Void> clear() {
        return closeMatching(fh -> true);
    }

    public void setCapacity(int newCapacity) {
        if (newCapacity < 0) {
            throw new IllegalArgumentException("cache capacity must not be negative: " + newCapacity);
        }
        capacity = newCapacity;
        evictOverCapacity();
    }

    public void setIdleMillis(long idleMillis) {
        idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
    }

    public int size() {
        return files.size();
    }

    public CacheStats stats() {
        return new CacheStats("open-files", files.size(), capacity, hits.sum(), misses.sum(), evictions.sum());
    }

    private void open(CachedOpenFile fresh, Opener opener, boolean write) {
        CompletionStage<OpenFile> opening;
        try {
            opening = opener.open(write);
        } catch (RuntimeException e) {
            opening = CompletableFuture.failedFuture(e);
        }
        opening.whenComplete((file, failure) -> {
            if (failure != null) {
                files.remove(fresh.handle(), fresh);
                fresh.retire();
            }
            fresh.opened(file, failure);
        });
    }

    private CompletableFuture<Void> closeMatching(Predicate<FileHandle> matches) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (CachedOpenFile file : files.values()) {
            if (matches.test(file.handle()) && files.remove(file.handle(), file)) {
                file.retire();
                closing.add(file.closed());
            }
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    /** Evicts a batch when over capacity, idle files first; never scans more than a few batches. */
    private void evictOverCapacity() {
        int limit = capacity;
        int excess = files.size() - limit;
        if (excess <= 0) {
            return;
        }
        int batch = Math.max(excess, limit / 16);
        int budget = batch * 4;
        for (int pass = 0; pass < 2 && batch > 0; pass++) {
            boolean idleOnly = pass == 0;
            Iterator<CachedOpenFile> it = files.values().iterator();
            for (int scanned = 0; it.hasNext() && batch > 0 && scanned < budget; scanned++) {
                CachedOpenFile file = it.next();
                if ((!idleOnly || !file.inUse()) && files.remove(file.handle(), file)) {
                    file.retire();
                    evictions.increment();
                    batch--;
                }
            }
            if (files.size() <= limit) {
                return;
            }
        }
    }
}

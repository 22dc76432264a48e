package io.manticore.core.internal.cache;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.manticore.api.admin.CacheStats;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;

/**
 * Attributes by file handle, valid for a short time because a passthrough backend's files may
 * change behind core's back. Results of mutations replace entries ({@link #update}); results
 * of reads fill them ({@link #fill}) only when no invalidation happened while the read ran, so
 * a slow read never puts back what a mutation removed.
 */
public final class AttrCache {

    public static final long DEFAULT_TTL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Cached(Attrs attrs, long expiresAt) {
    }

    private final GenerationalMap<FileHandle, Cached> entries;
    private final AtomicLong invalidations = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final long ttlNanos;
    private final LongSupplier nanoClock;

    public AttrCache(int capacity) {
        this(capacity, DEFAULT_TTL_NANOS, System::nanoTime);
    }

    public AttrCache(int capacity, long ttlNanos, LongSupplier nanoClock) {
        this.entries = new GenerationalMap<>(capacity);
        this.ttlNanos = ttlNanos;
        this.nanoClock = nanoClock;
    }

    /** The cached attributes of {@code fh}, or null (counted as a hit or a miss). */
    public Attrs get(FileHandle fh) {
        Cached cached = entries.get(fh);
        if (cached != null && cached.expiresAt - nanoClock.getAsLong() <= 0) {
            entries.remove(fh, cached);
            cached = null;
        }
        if (cached == null) {
            misses.increment();
            return null;
        }
        hits.increment();
        return cached.attrs;
    }

    /** A stamp to pass to {@link #fill} for a read that starts now. */
    public long stamp() {
        return invalidations.get();
    }

    /** Caches attributes a read returned, unless something was invalidated since {@code stamp}. */
    public void fill(FileHandle fh, Attrs attrs, long stamp) {
        if (invalidations.get() != stamp) {
            return;
        }
        Cached stored = store(fh, attrs);
        if (stored != null && invalidations.get() != stamp) {
            entries.remove(fh, stored);
        }
    }

    /** Caches attributes a completed mutation returned. */
    public void update(FileHandle fh, Attrs attrs) {
        store(fh, attrs);
    }

    /** Forgets {@code fh}, after a mutation that returned no attributes for it. */
    public void invalidate(FileHandle fh) {
        invalidations.incrementAndGet();
        entries.remove(fh);
    }

    /** Forgets every handle of a mount (scans the cache). */
    public void invalidateMount(MountId mount) {
        invalidations.incrementAndGet();
        entries.removeKeys(fh -> fh.mountId().equals(mount));
    }

    public void clear() {
        invalidations.incrementAndGet();
        entries.clear();
    }

    public void setCapacity(int capacity) {
        entries.setCapacity(capacity);
    }

    public CacheStats stats() {
        return new CacheStats("attributes", entries.size(), entries.capacity(), hits.sum(), misses.sum(),
                entries.evictions());
    }

    private Cached store(FileHandle fh, Attrs attrs) {
        if (fh == null || attrs == null) {
            return null;
        }
        Cached current = entries.peek(fh);
        // Attrs.change only grows: an older answer arriving late must not replace a newer one.
        if (current != null && current.attrs.change() > attrs.change()) {
            return null;
        }
        Cached stored = new Cached(attrs, nanoClock.getAsLong() + ttlNanos);
        entries.put(fh, stored);
        return stored;
    }
}

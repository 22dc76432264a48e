package io.manticore.core.internal.cache;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.manticore.api.admin.CacheStats;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;

/**
 * Names by directory: (directory handle, name) to the handle it names, or to nothing (a
 * negative entry: the name was looked up and does not exist). Entries are valid for a short
 * time, like the attribute cache's. Creations add entries, removals and renames drop them,
 * and a removed directory drops every entry under it at once.
 */
public final class NameCache {

    /** What the cache knows of a name: the handle it names, or null when it does not exist. */
    public record Entry(FileHandle fh, long expiresAt) {

        public boolean negative() {
            return fh == null;
        }
    }

    private record Key(FileHandle dir, String name) {
    }

    private static final int TOMBSTONES = 4096;

    private final GenerationalMap<Key, Entry> entries;
    /** Directories removed recently: their entries are dead until they expire. */
    private final GenerationalMap<FileHandle, Long> removedDirectories = new GenerationalMap<>(TOMBSTONES);
    private final AtomicLong changes = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final long ttlNanos;
    private final LongSupplier nanoClock;

    public NameCache(int capacity) {
        this(capacity, AttrCache.DEFAULT_TTL_NANOS, System::nanoTime);
    }

    public NameCache(int capacity, long ttlNanos, LongSupplier nanoClock) {
        this.entries = new GenerationalMap<>(capacity);
        this.ttlNanos = ttlNanos;
        this.nanoClock = nanoClock;
    }

    /** What is known of {@code name} in {@code dir}, or null (counted as a hit or a miss). */
    public Entry lookup(FileHandle dir, String name) {
        Key key = new Key(dir, name);
        Entry entry = entries.get(key);
        if (entry != null) {
            long now = nanoClock.getAsLong();
            Long removedUntil = removedDirectories.peek(dir);
            if (entry.expiresAt - now <= 0 || (removedUntil != null && removedUntil - now > 0)) {
                entries.remove(key, entry);
                entry = null;
            }
        }
        if (entry == null) {
            misses.increment();
            return null;
        }
        hits.increment();
        return entry;
    }

    /** The handle cached for {@code name}, valid or not, without counting; null when unknown. */
    public FileHandle peek(FileHandle dir, String name) {
        Entry entry = entries.peek(new Key(dir, name));
        return entry == null ? null : entry.fh;
    }

    /** A stamp to pass to {@link #fill} for a lookup that starts now. */
    public long stamp() {
        return changes.get();
    }

    /**
     * Caches what a lookup found ({@code fh}, or null for "does not exist") unless the cache
     * changed since {@code stamp}.
     */
    public void fill(FileHandle dir, String name, FileHandle fh, long stamp) {
        if (changes.get() != stamp) {
            return;
        }
        Key key = new Key(dir, name);
        Entry stored = new Entry(fh, nanoClock.getAsLong() + ttlNanos);
        entries.put(key, stored);
        if (changes.get() != stamp) {
            entries.remove(key, stored);
        }
    }

    /** Caches a name a completed creation made. */
    public void add(FileHandle dir, String name, FileHandle fh) {
        changes.incrementAndGet();
        entries.put(new Key(dir, name), new Entry(fh, nanoClock.getAsLong() + ttlNanos));
    }

    /** Forgets {@code name} in {@code dir}. */
    public void invalidate(FileHandle dir, String name) {
        changes.incrementAndGet();
        entries.remove(new Key(dir, name));
    }

    /** Forgets every name in the removed directory {@code dir}. */
    public void invalidateDirectory(FileHandle dir) {
        changes.incrementAndGet();
        removedDirectories.put(dir, nanoClock.getAsLong() + ttlNanos);
    }

    /** Forgets every name of a mount (scans the cache). */
    public void invalidateMount(MountId mount) {
        changes.incrementAndGet();
        entries.removeKeys(key -> key.dir.mountId().equals(mount));
    }

    public void clear() {
        changes.incrementAndGet();
        entries.clear();
    }

    public void setCapacity(int capacity) {
        entries.setCapacity(capacity);
    }

    public CacheStats stats() {
        return new CacheStats("names", entries.size(), entries.capacity(), hits.sum(), misses.sum(),
                entries.evictions());
    }
}

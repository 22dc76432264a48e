package io.manticore.protocol.s3.internal.list;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.manticore.api.vfs.FileHandle;

/**
 * Sorted directory listings kept between the pages of a listing, so that the next page of a
 * large folder neither reads nor sorts it again. An entry is valid for the directory's change
 * counter it was read at; a changed directory is read again. Bounded in directories and in
 * entries, least recently used out; a directory larger than the whole bound is not kept.
 */
public final class ListingCache {

    static final int MAX_DIRECTORIES = 64;
    static final long MAX_ENTRIES = 1_000_000;

    private final int maxDirectories;
    private final long maxEntries;
    private final Map<FileHandle, DirListing> listings = new LinkedHashMap<>(16, 0.75f, true); // guarded by this
    private long entries; // guarded by this
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    public ListingCache() {
        this(MAX_DIRECTORIES, MAX_ENTRIES);
    }

    ListingCache(int maxDirectories, long maxEntries) {
        this.maxDirectories = maxDirectories;
        this.maxEntries = maxEntries;
    }

    /** The listing of {@code dir} read at {@code change}, or null (a stale one is dropped). */
    DirListing get(FileHandle dir, long change) {
        DirListing found;
        synchronized (this) {
            found = listings.get(dir);
            if (found != null && found.change() != change) {
                listings.remove(dir);
                entries -= found.size();
                found = null;
            }
        }
        if (found != null) {
            hits.incrementAndGet();
        }
        return found;
    }

    /** Keeps {@code listing} of {@code dir}, evicting the least recently used beyond the bounds. */
    synchronized void put(FileHandle dir, DirListing listing) {
        if (listing.size() > maxEntries) {
            return;
        }
        DirListing previous = listings.put(dir, listing);
        entries += listing.size() - (previous == null ? 0 : previous.size());
        Iterator<DirListing> eldest = listings.values().iterator();
        while ((listings.size() > maxDirectories || entries > maxEntries) && eldest.hasNext()) {
            DirListing out = eldest.next();
            if (out == listing) {
                continue;
            }
            entries -= out.size();
            eldest.remove();
        }
    }

    /** Counts a directory read in full from the VFS rather than found here. */
    void counted() {
        reads.incrementAndGet();
    }

    /** How many directories were read in full from the VFS (for statistics and tests). */
    public long directoriesRead() {
        return reads.get();
    }

    /** How many listings were served from the cache. */
    public long hits() {
        return hits.get();
    }

    public synchronized int size() {
        return listings.size();
    }
}

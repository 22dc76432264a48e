package io.manticore.api.admin;

/** Figures of one cache. */
public record CacheStats(String name, long size, long capacity, long hits, long misses,
                         long evictions) {

    /** Hits over lookups, 0 when there were none. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}

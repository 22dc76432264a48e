package io.manticore.shell.internal.command;

import java.util.List;

import io.manticore.api.admin.CacheStats;

/** The table of caches that {@code nas:cache} and {@code nas:stats} print. */
final class CacheTable {

    private CacheTable() {
    }

    static Table of(List<CacheStats> caches) {
        Table table = new Table().text("CACHE").number("SIZE").number("CAPACITY").number("HITS")
                .number("MISSES").number("HIT-RATE").number("EVICTIONS");
        for (CacheStats c : caches) {
            table.row(c.name(), c.size(), c.capacity(), c.hits(), c.misses(), Cells.percent(c.hitRate()),
                    c.evictions());
        }
        return table;
    }
}

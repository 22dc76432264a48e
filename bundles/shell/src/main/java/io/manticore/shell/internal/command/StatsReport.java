package io.manticore.shell.internal.command;

import java.util.List;

import io.manticore.api.admin.CacheStats;
import io.manticore.api.admin.OpStats;

/** What {@code nas:stats} printed: operation counters, then caches. */
public record StatsReport(List<OpStats> operations, List<CacheStats> caches) implements Printed {

    public StatsReport {
        operations = List.copyOf(operations);
        caches = List.copyOf(caches);
    }
}

package io.manticore.core.internal.vfs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.manticore.api.admin.OpStats;

/** Calls, failures and time per (scope, operation): modules' scopes are "module:<name>". */
final class OpCounters {

    private record Key(String scope, String operation) {
    }

    private static final class Counter {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    private final ConcurrentHashMap<Key, Counter> counters = new ConcurrentHashMap<>();

    static String moduleScope(String module) {
        return "module:" + module;
    }

    void record(String scope, String operation, boolean failed, long nanos) {
        Key key = new Key(scope, operation);
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> new Counter());
        }
        counter.calls.increment();
        if (failed) {
            counter.errors.increment();
        }
        counter.nanos.add(nanos);
    }

    /** Every (scope, operation) called at least once, sorted by scope then operation. */
    List<OpStats> snapshot() {
        List<OpStats> stats = new ArrayList<>();
        counters.forEach((key, counter) -> {
            long calls = counter.calls.sum();
            if (calls > 0) {
                stats.add(new OpStats(key.scope, key.operation, calls, counter.errors.sum(), counter.nanos.sum()));
            }
        });
        stats.sort(Comparator.comparing(OpStats::scope).thenComparing(OpStats::operation));
        return stats;
    }
}

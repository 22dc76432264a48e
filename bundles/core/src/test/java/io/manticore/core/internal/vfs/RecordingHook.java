package io.manticore.core.internal.vfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.manticore.api.vfs.FileHandle;

/** Counts the backend's calls by operation and remembers the threads they ran on. */
class RecordingHook implements ForwardingMount.Hook {

    final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public <T> CompletionStage<T> around(String operation, FileHandle fh, Supplier<CompletionStage<T>> call) {
        counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        threads.add(Thread.currentThread().getName());
        return call.get();
    }

    int count(String operation) {
        AtomicInteger count = counts.get(operation);
        return count == null ? 0 : count.get();
    }
}

package io.manticore.core.internal.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * A bounded concurrent map that evicts in batches, oldest first: new entries go into the
 * current generation; when it holds half the capacity it becomes the previous generation and
 * the old previous one is dropped whole. A read that finds an entry in the previous
 * generation moves it to the current one, so entries in use survive. Reads take no lock and
 * an insert costs O(1); the size never exceeds the capacity by more than racing inserts.
 */
final class GenerationalMap<K, V> {

    private record Generations<K, V>(ConcurrentHashMap<K, V> current, ConcurrentHashMap<K, V> previous) {
    }

    private final AtomicReference<Generations<K, V>> generations =
            new AtomicReference<>(new Generations<>(new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
    private final LongAdder evictions = new LongAdder();
    private volatile int capacity;

    GenerationalMap(int capacity) {
        this.capacity = requireCapacity(capacity);
    }

    V get(K key) {
        Generations<K, V> g = generations.get();
        V value = g.current.get(key);
        if (value != null) {
            return value;
        }
        value = g.previous.get(key);
        if (value == null) {
            return null;
        }
        V newer = g.current.putIfAbsent(key, value);
        if (newer != null) {
            return newer;
        }
        // Removal runs previous-then-current, so failing here means the entry was removed meanwhile.
        if (!g.previous.remove(key, value)) {
            g.current.remove(key, value);
        }
        rotateWhenFull(g);
        return value;
    }

    /** The entry without moving it between generations. */
    V peek(K key) {
        Generations<K, V> g = generations.get();
        V value = g.current.get(key);
        return value != null ? value : g.previous.get(key);
    }

    void put(K key, V value) {
        if (capacity == 0) {
            return;
        }
        Generations<K, V> g = generations.get();
        g.current.put(key, value);
        g.previous.remove(key);
        rotateWhenFull(g);
    }

    void remove(K key) {
        Generations<K, V> g = generations.get();
        g.previous.remove(key);
        g.current.remove(key);
    }

    void remove(K key, V value) {
        Generations<K, V> g = generations.get();
        g.previous.remove(key, value);
        g.current.remove(key, value);
    }

    /** Removes every entry whose key matches; scans the whole map, so never on a hot path. */
    void removeKeys(Predicate<? super K> matches) {
        Generations<K, V> g = generations.get();
        g.previous.keySet().removeIf(matches);
        g.current.keySet().removeIf(matches);
    }

    void clear() {
        generations.set(new Generations<>(new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
    }

    int size() {
        Generations<K, V> g = generations.get();
        return g.current.size() + g.previous.size();
    }

    int capacity() {
        return capacity;
    }

    long evictions() {
        return evictions.sum();
    }

    /** Changes the capacity, evicting at once when the map holds more. */
    void setCapacity(int newCapacity) {
        capacity = requireCapacity(newCapacity);
        if (newCapacity == 0) {
            clear();
            return;
        }
        while (size() > newCapacity) {
            rotate(generations.get());
        }
        rotateWhenFull(generations.get());
    }

    private void rotateWhenFull(Generations<K, V> g) {
        if (g.current.size() >= Math.max(1, capacity / 2)) {
            rotate(g);
        }
    }

    private void rotate(Generations<K, V> g) {
        if (generations.compareAndSet(g, new Generations<>(new ConcurrentHashMap<>(), g.current))) {
            evictions.add(g.previous.size());
        }
    }

    private static int requireCapacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must not be negative: " + capacity);
        }
        return capacity;
    }
}

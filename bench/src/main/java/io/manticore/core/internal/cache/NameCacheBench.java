package io.manticore.core.internal.cache;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;

/** Name-cache hits from two threads at once: the lock-free read path. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class NameCacheBench {

    private static final int NAMES = 4096;

    private NameCache cache;
    private FileHandle dir;
    private String[] names;

    @Setup
    public void setUp() {
        // Capacity four times the names: a generational cache keeps a working set of up to half its capacity.
        cache = new NameCache(NAMES * 4, TimeUnit.HOURS.toNanos(1), System::nanoTime);
        MountId mount = MountId.forName("bench");
        dir = FileHandle.of(mount, ByteBuffer.allocate(12).putLong(1).array());
        names = new String[NAMES];
        for (int i = 0; i < NAMES; i++) {
            names[i] = "file-" + i;
            cache.add(dir, names[i], FileHandle.of(mount, ByteBuffer.allocate(12).putLong(i + 2).array()));
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public NameCache.Entry lookupHit(Cursor cursor) {
        cursor.next = (cursor.next + 1) & (NAMES - 1);
        return cache.lookup(dir, names[cursor.next]);
    }
}

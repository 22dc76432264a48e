package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.BLOCK;
import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.buffer;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static io.manticore.vfs.memfs.internal.MemfsFixture.pattern;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.Stability;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBufUtil;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsConcurrencyTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 200;

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);

    @After
    public void unmount() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        fx.close();
        fx = null;
    }

    private void runAll(List<Callable<Void>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        for (Future<Void> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    public void writersOfDistinctFilesAndRegionsEndWithExactContents() throws Exception {
        FileHandle shared = fx.createFile(fx.root, "shared");
        FileHandle[] own = new FileHandle[THREADS];
        for (int t = 0; t < THREADS; t++) {
            own[t] = fx.createFile(fx.root, "own" + t);
        }
        int chunk = 10_000;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                OpenFile mine = fx.open(own[thread]);
                OpenFile common = fx.open(shared);
                for (int round = 0; round < ROUNDS; round++) {
                    // own file: chunks in a scattered order; shared file: this thread's stripe of each block
                    int slot = (round * 37) % ROUNDS;
                    join(fx.mount.write(USER, mine, (long) slot * chunk, buffer(pattern(chunk, thread * 1000 + slot)),
                            Stability.UNSTABLE));
                    long stripe = (long) (round % 8) * BLOCK + (long) thread * (BLOCK / THREADS);
                    join(fx.mount.write(USER, common, stripe, buffer(pattern(BLOCK / THREADS, thread)),
                            Stability.UNSTABLE));
                }
                join(fx.mount.close(mine));
                join(fx.mount.close(common));
                return null;
            });
        }
        runAll(tasks);
        for (int t = 0; t < THREADS; t++) {
            byte[] expected = new byte[ROUNDS * chunk];
            for (int slot = 0; slot < ROUNDS; slot++) {
                System.arraycopy(pattern(chunk, t * 1000 + slot), 0, expected, slot * chunk, chunk);
            }
            assertArrayEquals("file of thread " + t, expected, fx.readAll(own[t]));
        }
        byte[] expectedShared = new byte[8 * BLOCK];
        for (int block = 0; block < 8; block++) {
            for (int t = 0; t < THREADS; t++) {
                System.arraycopy(pattern(BLOCK / THREADS, t), 0, expectedShared, block * BLOCK + t * (BLOCK / THREADS),
                        BLOCK / THREADS);
            }
        }
        assertArrayEquals(expectedShared, fx.readAll(shared));
    }

    @Test
    public void readersAlwaysSeeWholeWritesAndKeepWhatTheyRead() throws Exception {
        FileHandle file = fx.createFile(fx.root, "f", filled(0));
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                OpenFile open = fx.open(file);
                for (int round = 0; round < ROUNDS; round++) {
                    join(fx.mount.write(USER, open, 0, buffer(filled((byte) (thread * 50 + round % 50 + 1))),
                            Stability.FILE_SYNC));
                }
                join(fx.mount.close(open));
                return null;
            });
            tasks.add(() -> {
                OpenFile open = fx.open(file);
                for (int round = 0; round < ROUNDS; round++) {
                    ReadResult held = join(fx.mount.read(USER, open, 0, 2 * BLOCK));
                    try {
                        byte[] first = ByteBufUtil.getBytes(held.data());
                        assertUniform(first);
                        Thread.yield();
                        assertArrayEquals("a held read changed under a later write", first,
                                ByteBufUtil.getBytes(held.data()));
                    } finally {
                        held.data().release();
                    }
                }
                join(fx.mount.close(open));
                return null;
            });
        }
        runAll(tasks);
        assertUniform(fx.readAll(file));
        assertEquals(2L * BLOCK, fx.attrs(file).spaceUsed());
    }

    @Test
    public void concurrentCreatesAndRemovesLeaveAnExactDirectory() throws Exception {
        FileHandle dir = fx.mkdir(fx.root, "d");
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    fx.createFile(dir, "t" + thread + "-" + i, new byte[] {(byte) i});
                    if (i % 3 == 0) {
                        join(fx.mount.remove(USER, dir, "t" + thread + "-" + i));
                    }
                }
                return null;
            });
            tasks.add(() -> {
                for (int i = 0; i < ROUNDS / 10; i++) {
                    List<String> names = fx.list(dir, 7);
                    assertEquals("a listing repeats no name", new HashSet<>(names).size(), names.size());
                }
                return null;
            });
        }
        runAll(tasks);
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < ROUNDS; i++) {
                if (i % 3 != 0) {
                    expected.add("t" + t + "-" + i);
                }
            }
        }
        assertEquals(expected, new HashSet<>(fx.list(dir, 50)));
        for (String name : expected) {
            byte[] content = fx.readAll(fx.lookup(dir, name));
            assertEquals(1, content.length);
            assertEquals((byte) Integer.parseInt(name.substring(name.indexOf('-') + 1)), content[0]);
        }
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[2 * BLOCK];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static void assertUniform(byte[] bytes) {
        for (int i = 1; i < bytes.length; i++) {
            if (bytes[i] != bytes[0]) {
                throw new AssertionError("torn read: byte " + i + " is " + bytes[i] + ", byte 0 is " + bytes[0]);
            }
        }
    }
}

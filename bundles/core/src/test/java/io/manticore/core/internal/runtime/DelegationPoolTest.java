package io.manticore.core.internal.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.After;
import org.junit.Test;

public class DelegationPoolTest {

    private final DelegationPool pool = new DelegationPool(4);

    @After
    public void stop() {
        pool.close();
    }

    @Test
    public void tasksOfOneKeyRunInOrderOnOneNamedThread() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            int n = i;
            pool.execute(-12345, () -> {
                order.add(n);
                threads.add(Thread.currentThread().getName());
                done.countDown();
            });
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(IntStream.range(0, 200).boxed().toList(), order);
        assertEquals(Set.of("manticore-delegate-" + Math.floorMod(-12345, 4)), threads);
    }

    @Test
    public void keysSpreadOverEveryThread() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(4);
        for (int key = 0; key < 4; key++) {
            pool.execute(key, () -> {
                threads.add(Thread.currentThread().getName());
                done.countDown();
            });
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(Set.of("manticore-delegate-0", "manticore-delegate-1", "manticore-delegate-2",
                "manticore-delegate-3"), threads);
    }

    @Test
    public void resizingKeepsTakingTasksOnTheNewThreads() throws Exception {
        pool.resize(2);
        assertEquals(2, pool.threads());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(8);
        for (int key = 0; key < 8; key++) {
            pool.execute(key, () -> {
                threads.add(Thread.currentThread().getName());
                done.countDown();
            });
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(Set.of("manticore-delegate-0", "manticore-delegate-1"), threads);
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesAnEmptyPool() {
        pool.resize(0);
    }
}

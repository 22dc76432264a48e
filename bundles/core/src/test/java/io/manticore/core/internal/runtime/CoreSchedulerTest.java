package io.manticore.core.internal.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Test;

public class CoreSchedulerTest {

    private final CoreScheduler scheduler = new CoreScheduler();

    @After
    public void stop() {
        scheduler.close();
    }

    @Test
    public void tasksRunOnTheDaemonTimerThread() throws Exception {
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        scheduler.schedule(() -> {
            ran.set(Thread.currentThread());
            done.countDown();
        }, 1, TimeUnit.MILLISECONDS);
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals("manticore-timer", ran.get().getName());
        assertTrue(ran.get().isDaemon());
    }

    @Test
    public void aPeriodicTaskThatThrowsKeepsItsSchedule() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch threeRuns = new CountDownLatch(3);
        ScheduledFuture<?> task = scheduler.scheduleAtFixedRate(() -> {
            runs.incrementAndGet();
            threeRuns.countDown();
            throw new IllegalStateException("failing on purpose");
        }, 0, 5, TimeUnit.MILLISECONDS);
        assertTrue(threeRuns.await(5, TimeUnit.SECONDS));
        task.cancel(false);
        assertTrue(runs.get() >= 3);
    }

    @Test
    public void cancelledTasksLeaveTheQueue() {
        ScheduledFuture<?> task = scheduler.schedule(() -> { }, 1, TimeUnit.HOURS);
        task.cancel(false);
        assertTrue(task.isCancelled());
    }

    @Test
    public void closeStopsTheTimer() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.schedule(ran::countDown, 200, TimeUnit.MILLISECONDS);
        scheduler.close();
        assertEquals(false, ran.await(400, TimeUnit.MILLISECONDS));
    }
}

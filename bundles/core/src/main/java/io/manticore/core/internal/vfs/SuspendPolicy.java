package io.manticore.core.internal.vfs;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.manticore.api.runtime.Scheduler;

/**
 * How calls wait for suspended mounts (DESIGN.md section 6): at most {@code maxWaiting} across
 * all mounts, each at most {@code timeoutMillis}, timed by the scheduler so no thread blocks.
 */
final class SuspendPolicy {

    private final Scheduler scheduler;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile long timeoutMillis;
    private volatile int maxWaiting;

    SuspendPolicy(Scheduler scheduler, long timeoutMillis, int maxWaiting) {
        this.scheduler = scheduler;
        update(timeoutMillis, maxWaiting);
    }

    void update(long newTimeoutMillis, int newMaxWaiting) {
        timeoutMillis = newTimeoutMillis;
        maxWaiting = newMaxWaiting;
    }

    /** Takes a place in the queue; false when all are taken. */
    boolean tryEnter() {
        while (true) {
            int now = waiting.get();
            if (now >= maxWaiting) {
                return false;
            }
            if (waiting.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void leave() {
        waiting.decrementAndGet();
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    ScheduledFuture<?> scheduleTimeout(Runnable expire) {
        return scheduler.schedule(expire, timeoutMillis, TimeUnit.MILLISECONDS);
    }
}

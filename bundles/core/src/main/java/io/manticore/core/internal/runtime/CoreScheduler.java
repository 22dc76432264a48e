package io.manticore.core.internal.runtime;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.manticore.api.runtime.Scheduler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's timer: one daemon thread, "manticore-timer". A task that throws is logged and, when
 * periodic, keeps its schedule. Usable without OSGi: construct it and {@link #close()} it.
 */
@Component(immediate = true, service = Scheduler.class)
public final class CoreScheduler implements Scheduler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoreScheduler.class);

    private final ScheduledThreadPoolExecutor timer;

    public CoreScheduler() {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "manticore-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return timer.schedule(guarded(task), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return timer.scheduleAtFixedRate(guarded(task), initialDelay, period, unit);
    }

    @Deactivate
    void deactivate() {
        close();
        LOG.info("Timer stopped");
    }

    /** Stops the timer; tasks not yet run are dropped. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Timer task {} failed", task, e);
            }
        };
    }
}

package io.manticore.api.runtime;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Core's timer service (leases, grace periods, idle closes). Tasks run on a small shared
 * timer thread and must be short: hand longer work to another executor.
 */
@ProviderType
public interface Scheduler {

    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit);

    ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit);
}

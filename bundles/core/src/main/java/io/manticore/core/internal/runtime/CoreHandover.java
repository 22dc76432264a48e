package io.manticore.core.internal.runtime;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.runtime.Handover;
import io.manticore.api.runtime.Scheduler;

/** The deposits bundles hand to their next versions, each released if it waits too long or core stops. */
@Component(immediate = true, service = Handover.class)
public final class CoreHandover implements Handover, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoreHandover.class);

    /** One deposit and the timer that releases it. */
    private record Deposit(Object state, Runnable release, ScheduledFuture<?> expiry) {
    }

    private final ConcurrentHashMap<String, Deposit> deposits = new ConcurrentHashMap<>();
    private final Scheduler scheduler;
    private final long unclaimedMillis;

    @Activate
    public CoreHandover(@Reference Scheduler scheduler) {
        this(scheduler, TimeUnit.MINUTES.toMillis(UNCLAIMED_MINUTES));
    }

    public CoreHandover(Scheduler scheduler, long unclaimedMillis) {
        this.scheduler = scheduler;
        this.unclaimedMillis = unclaimedMillis;
    }

    @Override
    public void deposit(String key, Object state, Runnable release) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(release, "release");
        Deposit[] made = new Deposit[1];
        ScheduledFuture<?> expiry = scheduler.schedule(() -> expire(key, made[0]), unclaimedMillis, TimeUnit.MILLISECONDS);
        made[0] = new Deposit(state, release, expiry);
        Deposit replaced = deposits.put(key, made[0]);
        if (replaced != null) {
            replaced.expiry().cancel(false);
            release(key, replaced, "replaced by a new deposit");
        }
    }

    @Override
    public Object take(String key) {
        Deposit taken = deposits.remove(key);
        if (taken == null) {
            return null;
        }
        taken.expiry().cancel(false);
        return taken.state();
    }

    /** Releases every deposit left. */
    @Override
    @Deactivate
    public void close() {
        for (String key : deposits.keySet()) {
            Deposit left = deposits.remove(key);
            if (left != null) {
                left.expiry().cancel(false);
                release(key, left, "core is stopping");
            }
        }
    }

    private void expire(String key, Deposit deposit) {
        if (deposit != null && deposits.remove(key, deposit)) {
            release(key, deposit, "not taken within " + unclaimedMillis / 1000 + " s");
        }
    }

    private static void release(String key, Deposit deposit, String why) {
        LOG.info("Handover state {} released: {}", key, why);
        try {
            deposit.release().run();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Releasing handover state {} failed: {}", key, e.toString());
        }
    }
}

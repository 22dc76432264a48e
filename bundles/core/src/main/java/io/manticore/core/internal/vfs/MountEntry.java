package io.manticore.core.internal.vfs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

import io.manticore.api.config.MountConfig;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * One configured mount and its state machine (DESIGN.md section 6). ACTIVE: calls run on the
 * live backend mount, counted in flight so that a suspension can wait for them. SUSPENDED
 * (the module is away, or a swap is under way): calls wait in a bounded queue and run on the
 * next live mount, or fail DELAY after the timeout. FAILED: the module refused the mount,
 * calls fail IO. REMOVED: the mount left the configuration, calls fail STALE.
 *
 * <p>Calls take no lock while ACTIVE; the transitions are made by the {@link MountManager}.
 */
final class MountEntry {

    enum Phase { ACTIVE, SUSPENDED, FAILED, REMOVED }

    private record State(Phase phase, LiveMount live, String detail) {
    }

    private static final class Waiter<T> {
        final Function<LiveMount, CompletionStage<T>> work;
        final CompletableFuture<T> result = new CompletableFuture<>();
        ScheduledFuture<?> timeout;

        Waiter(Function<LiveMount, CompletionStage<T>> work) {
            this.work = work;
        }

        void runOn(MountEntry entry, LiveMount live) {
            entry.inFlight.incrementAndGet();
            entry.runEntered(live, work).whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        }
    }

    private final String name;
    private final MountId id;
    private final SuspendPolicy policy;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder calls = new LongAdder();
    private final ArrayDeque<Waiter<?>> waiters = new ArrayDeque<>(); // guarded by this
    private volatile State state;
    private volatile CompletableFuture<Void> drained = CompletableFuture.completedFuture(null);

    // Written by the mount manager under its lock.
    private volatile MountConfig config;
    private volatile String moduleName;
    private volatile FileHandle root;
    private volatile Set<Capability> capabilities = Set.of();
    private volatile MountState savedState;

    MountEntry(String name, MountConfig config, SuspendPolicy policy) {
        this.name = name;
        this.id = MountId.forName(name);
        this.policy = policy;
        this.config = config;
        this.moduleName = config.module();
        this.state = new State(Phase.SUSPENDED, null, "waiting for module " + config.module());
    }

    String name() {
        return name;
    }

    MountId id() {
        return id;
    }

    /**
     * Runs {@code work} on the live mount now, or once the mount is live again when it is
     * suspended; fails IO when the mount failed, STALE when it was removed, DELAY when too many
     * calls wait or the wait lasts too long.
     */
    <T> CompletionStage<T> submit(Function<LiveMount, CompletionStage<T>> work) {
        calls.increment();
        return enter(work);
    }

    /** Counts {@code call} in flight (a close the open-file cache makes) whatever the state. */
    <T> CompletionStage<T> track(Supplier<CompletionStage<T>> call) {
        inFlight.incrementAndGet();
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((value, failure) -> exit());
    }

    private <T> CompletionStage<T> enter(Function<LiveMount, CompletionStage<T>> work) {
        inFlight.incrementAndGet();
        State current = state;
        if (current.phase == Phase.ACTIVE) {
            return runEntered(current.live, work);
        }
        exit();
        return waitOrFail(work);
    }

    private <T> CompletionStage<T> runEntered(LiveMount live, Function<LiveMount, CompletionStage<T>> work) {
        CompletionStage<T> stage;
        try {
            stage = work.apply(live);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((value, failure) -> exit());
    }

    private void exit() {
        if (inFlight.decrementAndGet() == 0 && state.phase != Phase.ACTIVE) {
            drained.complete(null);
        }
    }

    private <T> CompletionStage<T> waitOrFail(Function<LiveMount, CompletionStage<T>> work) {
        synchronized (this) {
            State current = state;
            switch (current.phase) {
                case SUSPENDED -> {
                    if (!policy.tryEnter()) {
                        return Faults.failed(VfsError.DELAY, "too many calls wait for suspended mounts");
                    }
                    Waiter<T> waiter = new Waiter<>(work);
                    try {
                        waiter.timeout = policy.scheduleTimeout(() -> expire(waiter));
                    } catch (RuntimeException e) {
                        policy.leave(); // the timer is gone: the server is stopping
                        return Faults.failed(VfsError.DELAY, "server stopping");
                    }
                    waiters.add(waiter);
                    return waiter.result;
                }
                case FAILED -> {
                    return Faults.failed(VfsError.IO, "mount " + name + " failed: " + current.detail);
                }
                case REMOVED -> {
                    return Faults.failed(VfsError.STALE, "mount " + name + " was removed");
                }
                case ACTIVE -> {
                    // resumed meanwhile: run it below, outside the lock
                }
            }
        }
        return enter(work);
    }

    private void expire(Waiter<?> waiter) {
        synchronized (this) {
            if (!waiters.remove(waiter)) {
                return;
            }
        }
        policy.leave();
        waiter.result.completeExceptionally(new VfsException(VfsError.DELAY,
                "mount " + name + " stayed suspended longer than " + policy.timeoutMillis() + " ms"));
    }

    // --- transitions, made by the mount manager

    /**
     * Stops sending calls to the live mount: new calls wait. Completes when the calls in flight
     * have finished (at once when none are).
     */
    CompletableFuture<Void> suspend(String detail) {
        synchronized (this) {
            if (state.phase == Phase.ACTIVE) {
                drained = new CompletableFuture<>();
            }
            state = new State(Phase.SUSPENDED, null, detail);
        }
        return awaitIdle();
    }

    /** Completes when no call is in flight; only meaningful while not ACTIVE. */
    CompletableFuture<Void> awaitIdle() {
        CompletableFuture<Void> idle;
        synchronized (this) {
            idle = drained;
            if (idle.isDone() && inFlight.get() > 0) {
                idle = new CompletableFuture<>();
                drained = idle;
            }
        }
        if (inFlight.get() == 0) {
            idle.complete(null);
        }
        return idle;
    }

    /** Serves calls with {@code live} from now on, starting with those that waited. */
    void resume(LiveMount live) {
        List<Waiter<?>> ready;
        synchronized (this) {
            state = new State(Phase.ACTIVE, live, null);
            ready = takeWaiters();
        }
        for (Waiter<?> waiter : ready) {
            waiter.runOn(this, live);
        }
    }

    /** The module refused the mount: waiting and new calls fail IO with {@code detail}. */
    void fail(String detail) {
        List<Waiter<?>> failed;
        synchronized (this) {
            state = new State(Phase.FAILED, null, detail);
            failed = takeWaiters();
        }
        VfsException error = new VfsException(VfsError.IO, "mount " + name + " failed: " + detail);
        failed.forEach(waiter -> waiter.result.completeExceptionally(error));
    }

    /** The mount is gone: waiting and new calls fail STALE. */
    void remove() {
        List<Waiter<?>> failed;
        synchronized (this) {
            state = new State(Phase.REMOVED, null, "removed");
            failed = takeWaiters();
        }
        VfsException error = new VfsException(VfsError.STALE, "mount " + name + " was removed");
        failed.forEach(waiter -> waiter.result.completeExceptionally(error));
    }

    private List<Waiter<?>> takeWaiters() {
        List<Waiter<?>> taken = new ArrayList<>(waiters);
        waiters.clear();
        for (Waiter<?> waiter : taken) {
            if (waiter.timeout != null) {
                waiter.timeout.cancel(false);
            }
            policy.leave();
        }
        return taken;
    }

    // --- what the manager and the shell read

    Phase phase() {
        return state.phase;
    }

    String detail() {
        return state.detail;
    }

    /** The live mount, or null when not ACTIVE. */
    LiveMount live() {
        return state.live;
    }

    synchronized int waiting() {
        return waiters.size();
    }

    long calls() {
        return calls.sum();
    }

    MountConfig config() {
        return config;
    }

    void setConfig(MountConfig newConfig) {
        config = newConfig;
    }

    /** The module serving the mount, or the one it waits for. */
    String moduleName() {
        return moduleName;
    }

    void setModuleName(String module) {
        moduleName = module;
    }

    /** The root handle of the last live mount, or null before the first. */
    FileHandle root() {
        return root;
    }

    Set<Capability> capabilities() {
        return capabilities;
    }

    /** Records what the new live mount is, before {@link #resume}. */
    void mounted(String module, FileHandle rootHandle, Set<Capability> caps) {
        moduleName = module;
        root = rootHandle;
        capabilities = caps;
    }

    MountState savedState() {
        return savedState;
    }

    void setSavedState(MountState state) {
        savedState = state;
    }
}

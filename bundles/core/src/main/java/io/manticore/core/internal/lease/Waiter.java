package io.manticore.core.internal.lease;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.api.lease.LockStatus;
import io.manticore.api.lease.PendingLock;
import io.manticore.api.vfs.FileHandle;

/**
 * A lock request waiting in a file's line. Its state changes once, from BLOCKED to GRANTED or
 * CANCELLED, under the monitor of its {@link FileLocks}; the thread that changed it then
 * {@link #deliver()}s it after letting go of that monitor.
 */
final class Waiter implements PendingLock {

    private final CoreLeaseManager manager;
    private final FileLocks locks;
    private final Held wanted;
    private final LockRange range;
    private final CompletableFuture<LockStatus> done = new CompletableFuture<>();
    private final CompletionStage<LockStatus> completion = done.minimalCompletionStage();
    private LockStatus state = LockStatus.BLOCKED;

    Waiter(CoreLeaseManager manager, FileLocks locks, Held wanted) {
        this.manager = manager;
        this.locks = locks;
        this.wanted = wanted;
        this.range = LockRange.between(wanted.first(), wanted.last());
    }

    @Override
    public FileHandle file() {
        return locks.file();
    }

    @Override
    public LockOwner owner() {
        return wanted.owner();
    }

    @Override
    public LockRange range() {
        return range;
    }

    @Override
    public boolean exclusive() {
        return wanted.exclusive();
    }

    @Override
    public CompletionStage<LockStatus> completion() {
        return completion;
    }

    @Override
    public boolean cancel() {
        return manager.cancel(this);
    }

    FileLocks locks() {
        return locks;
    }

    Held wanted() {
        return wanted;
    }

    boolean isWaiting() {
        return state == LockStatus.BLOCKED;
    }

    /** Decides the outcome; called under the monitor of {@link #locks()}. */
    void decide(LockStatus outcome) {
        state = outcome;
    }

    /** Completes {@link #completion()} with the decided outcome; called with no monitor held. */
    void deliver() {
        done.complete(state);
    }

    @Override
    public String toString() {
        return "waiting " + (wanted.exclusive() ? "exclusive " : "shared ") + range + " of " + wanted.owner() + " on " + locks.file();
    }
}

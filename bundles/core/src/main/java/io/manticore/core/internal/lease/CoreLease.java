package io.manticore.core.internal.lease;

import java.util.concurrent.CompletableFuture;

import io.manticore.api.lease.Lease;
import io.manticore.api.lease.LeaseBreaker;
import io.manticore.api.lease.LeaseInfo;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.vfs.FileHandle;

/** A lease in the {@link LeaseTable}; its mutable fields are guarded by its file's monitor there. */
final class CoreLease implements Lease {

    private final LeaseTable table;
    private final FileHandle file;
    private final LockOwner key;
    final LeaseBreaker breaker;
    volatile LeaseState state;
    volatile LeaseState breakingTo;
    /** Completes when the break in progress ends; null when none is in progress. */
    CompletableFuture<Void> broken;

    CoreLease(LeaseTable table, FileHandle file, LockOwner key, LeaseState state, LeaseBreaker breaker) {
        this.table = table;
        this.file = file;
        this.key = key;
        this.state = state;
        this.breaker = breaker;
    }

    @Override
    public FileHandle file() {
        return file;
    }

    @Override
    public LockOwner key() {
        return key;
    }

    @Override
    public LeaseState state() {
        return state;
    }

    @Override
    public LeaseState breakingTo() {
        return breakingTo;
    }

    @Override
    public boolean acknowledge(LeaseState to) {
        return table.acknowledge(this, to);
    }

    @Override
    public void release() {
        table.release(this, "released");
    }

    LeaseInfo info() {
        return new LeaseInfo(file, key, state, breakingTo);
    }

    @Override
    public String toString() {
        return "lease " + state + (breakingTo != null ? " breaking to " + breakingTo : "") + " of " + key + " on " + file;
    }
}

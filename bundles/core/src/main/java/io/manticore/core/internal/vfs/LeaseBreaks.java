package io.manticore.core.internal.vfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.vfs.FileHandle;

/**
 * Breaks the caching leases other callers hold on a file before an access that would make
 * their caches wrong, whatever the protocol of the access: a read takes W away (the holder
 * flushes first), a write or truncation takes everything, a removal or rename of the file's name
 * takes H. The caller's own lease key ({@link Cred#leaseKey()}) is spared.
 */
final class LeaseBreaks {

    static final LeaseState FOR_READ = new LeaseState(LeaseState.READ | LeaseState.HANDLE);
    static final LeaseState FOR_WRITE = LeaseState.NONE;
    static final LeaseState FOR_NAME_CHANGE = new LeaseState(LeaseState.READ | LeaseState.WRITE);

    private final LeaseManager leases;

    LeaseBreaks(LeaseManager leases) {
        this.leases = leases;
    }

    /** Completes once every other key's lease on {@code fh} keeps no more than {@code allowed}. */
    CompletionStage<Void> before(Cred cred, FileHandle fh, LeaseState allowed) {
        return leases.breakLeases(fh, cred.leaseKey(), allowed);
    }
}

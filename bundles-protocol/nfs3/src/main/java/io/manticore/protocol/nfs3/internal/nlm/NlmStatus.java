package io.manticore.protocol.nfs3.internal.nlm;

import io.manticore.api.lease.LockStatus;

/** nlm4_stats (XNFS NLM v4). */
final class NlmStatus {

    static final int GRANTED = 0;
    static final int DENIED = 1;
    static final int DENIED_NOLOCKS = 2;
    static final int BLOCKED = 3;
    static final int DENIED_GRACE_PERIOD = 4;
    static final int DEADLCK = 5;
    static final int ROFS = 6;
    static final int STALE_FH = 7;
    static final int FBIG = 8;
    static final int FAILED = 9;

    private NlmStatus() {
    }

    static int of(LockStatus status) {
        return switch (status) {
            case GRANTED -> GRANTED;
            case DENIED, CANCELLED -> DENIED;
            case BLOCKED -> BLOCKED;
            case DEADLOCK -> DEADLCK;
            case NO_LOCKS -> DENIED_NOLOCKS;
        };
    }
}

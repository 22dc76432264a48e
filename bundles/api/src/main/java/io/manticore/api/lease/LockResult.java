package io.manticore.api.lease;

import java.util.Objects;

/**
 * The immediate answer to {@link LeaseManager#lock}.
 *
 * @param status   {@link LockStatus#GRANTED}, {@link LockStatus#DENIED}, {@link LockStatus#BLOCKED},
 *                 {@link LockStatus#DEADLOCK} or {@link LockStatus#NO_LOCKS}
 * @param conflict for DENIED, BLOCKED and DEADLOCK, a held lock the request conflicts with (the
 *                 one with the lowest offset); otherwise null
 * @param pending  for BLOCKED, the waiting request; otherwise null
 */
public record LockResult(LockStatus status, LockInfo conflict, PendingLock pending) {

    private static final LockResult GRANTED = new LockResult(LockStatus.GRANTED, null, null);
    private static final LockResult NO_LOCKS = new LockResult(LockStatus.NO_LOCKS, null, null);

    public LockResult {
        Objects.requireNonNull(status, "status");
        boolean conflicting = status == LockStatus.DENIED || status == LockStatus.BLOCKED || status == LockStatus.DEADLOCK;
        if (status == LockStatus.CANCELLED || conflicting != (conflict != null)
                || (status == LockStatus.BLOCKED) != (pending != null)) {
            throw new IllegalArgumentException("inconsistent lock result " + status);
        }
    }

    public static LockResult granted() {
        return GRANTED;
    }

    public static LockResult noLocks() {
        return NO_LOCKS;
    }

    public static LockResult denied(LockInfo conflict) {
        return new LockResult(LockStatus.DENIED, conflict, null);
    }

    public static LockResult deadlock(LockInfo conflict) {
        return new LockResult(LockStatus.DEADLOCK, conflict, null);
    }

    public static LockResult blocked(LockInfo conflict, PendingLock pending) {
        return new LockResult(LockStatus.BLOCKED, conflict, pending);
    }
}

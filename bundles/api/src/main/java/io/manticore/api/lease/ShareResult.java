package io.manticore.api.lease;

/**
 * The answer to {@link LeaseManager#share}.
 *
 * @param status   {@link LockStatus#GRANTED}, {@link LockStatus#DENIED} or {@link LockStatus#NO_LOCKS}
 * @param conflict for DENIED, a reservation of another owner the request conflicts with; else null
 */
public record ShareResult(LockStatus status, ShareInfo conflict) {

    private static final ShareResult GRANTED = new ShareResult(LockStatus.GRANTED, null);
    private static final ShareResult NO_LOCKS = new ShareResult(LockStatus.NO_LOCKS, null);

    public ShareResult {
        boolean valid = switch (status) {
            case GRANTED, NO_LOCKS -> conflict == null;
            case DENIED -> conflict != null;
            default -> false;
        };
        if (!valid) {
            throw new IllegalArgumentException("inconsistent share result " + status);
        }
    }

    public static ShareResult granted() {
        return GRANTED;
    }

    public static ShareResult noLocks() {
        return NO_LOCKS;
    }

    public static ShareResult denied(ShareInfo conflict) {
        return new ShareResult(LockStatus.DENIED, conflict);
    }

    public boolean isGranted() {
        return status == LockStatus.GRANTED;
    }
}

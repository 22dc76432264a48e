package io.manticore.core.internal.lease;

/**
 * Bounds on the lock state clients can create.
 *
 * @param maxLocksPerClient held lock ranges plus waiting requests of one client of one protocol
 * @param maxWaitersPerFile waiting requests on one file
 */
public record LockLimits(int maxLocksPerClient, int maxWaitersPerFile) {

    public static final LockLimits DEFAULTS = new LockLimits(10_000, 1_000);

    public LockLimits {
        if (maxLocksPerClient < 1 || maxWaitersPerFile < 0) {
            throw new IllegalArgumentException("lock limits must be positive: " + maxLocksPerClient + ", " + maxWaitersPerFile);
        }
    }
}

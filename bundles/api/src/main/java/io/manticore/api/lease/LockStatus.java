package io.manticore.api.lease;

/** The outcome of a lock request. */
public enum LockStatus {
    /** The lock is held. */
    GRANTED,
    /** A conflicting lock is held and the caller did not want to wait (NLM4 LCK_DENIED). */
    DENIED,
    /** A conflicting lock is held; the request waits in line (NLM4 LCK_BLOCKED). */
    BLOCKED,
    /** Waiting would close a cycle of owners waiting for each other (NLM4 LCK_DEADLCK). */
    DEADLOCK,
    /** A bound on locks per client or waiters per file was reached (NLM4 LCK_DENIED_NOLOCKS). */
    NO_LOCKS,
    /** A waiting request was cancelled before it was granted. */
    CANCELLED
}

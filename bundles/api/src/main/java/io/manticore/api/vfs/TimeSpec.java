package io.manticore.api.vfs;

/** A time to set: the server's clock at the moment of the call, or an explicit time. */
public record TimeSpec(boolean serverTime, long nanos) {

    public static final TimeSpec SERVER_TIME = new TimeSpec(true, 0);

    public static TimeSpec of(long nanosSinceEpoch) {
        return new TimeSpec(false, nanosSinceEpoch);
    }

    /** The time to store, given the server's clock now. */
    public long resolve(long nowNanos) {
        return serverTime ? nowNanos : nanos;
    }
}

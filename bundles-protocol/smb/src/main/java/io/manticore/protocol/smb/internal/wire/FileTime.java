package io.manticore.protocol.smb.internal.wire;

/** FILETIME (100 ns since 1601-01-01, MS-DTYP 2.3.3) to and from nanoseconds since the Unix epoch. */
public final class FileTime {

    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    private static final long EPOCH_DELTA = 116_444_736_000_000_000L;

    private FileTime() {
    }

    public static long fromNanos(long nanos) {
        return Math.floorDiv(nanos, 100) + EPOCH_DELTA;
    }

    public static long toNanos(long fileTime) {
        return (fileTime - EPOCH_DELTA) * 100;
    }

    /** The current time as FILETIME. */
    public static long now() {
        java.time.Instant now = java.time.Instant.now();
        return fromNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }
}

package io.manticore.vfs.memfs.internal;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Nanoseconds since the epoch, strictly increasing, so that every change gets its own ctime
 * (a SETATTR guard compares ctimes).
 */
final class NanoClock {

    private final LongSupplier source;
    private long last;

    NanoClock(LongSupplier source) {
        this.source = source;
    }

    static NanoClock system() {
        return new NanoClock(() -> {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        });
    }

    synchronized long now() {
        last = Math.max(source.getAsLong(), last + 1);
        return last;
    }
}

package io.manticore.protocol.oncrpc.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * One warning site that a remote peer can trigger at will (a garbage record, a failing call):
 * at most {@code maxPerWindow} warnings per window reach the log at WARN, the rest go to DEBUG,
 * and the first warning of a later window is preceded by one line counting those suppressed.
 * Keep one instance per site in a static field, so that many connections share the budget.
 * Thread-safe.
 */
public final class RateLimitedLog {

    public static final int DEFAULT_MAX_PER_WINDOW = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private final Logger logger;
    private final int maxPerWindow;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int loggedInWindow;
    private long suppressed;

    /** At most {@value #DEFAULT_MAX_PER_WINDOW} warnings a minute. */
    public RateLimitedLog(Logger logger) {
        this(logger, DEFAULT_MAX_PER_WINDOW, DEFAULT_WINDOW);
    }

    public RateLimitedLog(Logger logger, int maxPerWindow, Duration window) {
        this(logger, maxPerWindow, window, System::nanoTime);
    }

    RateLimitedLog(Logger logger, int maxPerWindow, Duration window, LongSupplier nanoClock) {
        if (maxPerWindow <= 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("maxPerWindow " + maxPerWindow + ", window " + window);
        }
        this.logger = logger;
        this.maxPerWindow = maxPerWindow;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /** Logs at WARN as {@link Logger#warn(String, Object...)} does, unless this window's budget is spent. */
    public void warn(String format, Object... arguments) {
        if (!logger.isWarnEnabled()) {
            return;
        }
        long suppressedBefore = 0;
        boolean allowed;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (now - windowStart >= windowNanos) {
                suppressedBefore = suppressed;
                suppressed = 0;
                loggedInWindow = 0;
                windowStart = now;
            }
            allowed = loggedInWindow < maxPerWindow;
            if (allowed) {
                loggedInWindow++;
            } else {
                suppressed++;
            }
        }
        if (suppressedBefore > 0) {
            logger.warn("Suppressed {} more warnings like \"{}\" (at most {} every {} s)",
                    suppressedBefore, format, maxPerWindow, windowNanos / 1_000_000_000L);
        }
        if (allowed) {
            logger.warn(format, arguments);
        } else {
            logger.debug(format, arguments);
        }
    }
}

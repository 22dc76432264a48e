package io.manticore.protocol.s3.internal.xml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The two date forms of S3: ISO 8601 with milliseconds in XML bodies, RFC 1123 in HTTP headers. */
public final class S3Dates {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The Date header of the current second, shared: every response of a second carries the same text. */
    private static volatile Second current = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {
    }

    private S3Dates() {
    }

    /** The Date header for {@code epochMillis}, formatted once per second. */
    public static String httpNow(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        Second cached = current;
        if (cached.epochSecond() != second) {
            cached = new Second(second, http(second * 1_000_000_000L));
            current = cached;
        }
        return cached.text();
    }

    /** {@code 2026-11-22T10:15:30.123Z} for a time in nanoseconds since the epoch. */
    public static String iso(long epochNanos) {
        return ISO.format(instant(epochNanos));
    }

    /** {@code Sun, 22 Nov 2026 10:15:30 GMT}, to the second. */
    public static String http(long epochNanos) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant(epochNanos).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    public static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }
}

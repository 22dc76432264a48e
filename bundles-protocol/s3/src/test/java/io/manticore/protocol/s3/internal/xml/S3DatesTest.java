package io.manticore.protocol.s3.internal.xml;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.junit.Test;

public class S3DatesTest {

    private static final long NANOS = 1_795_334_538_123_456_789L;

    @Test
    public void bodiesGetIsoWithMillisecondsAndHeadersRfc1123ToTheSecond() {
        assertEquals("2026-11-22T08:02:18.123Z", S3Dates.iso(NANOS));
        assertEquals("Sun, 22 Nov 2026 08:02:18 GMT", S3Dates.http(NANOS));
    }

    @Test
    public void theDateHeaderIsFormattedOncePerSecond() {
        long millis = NANOS / 1_000_000L;
        String first = S3Dates.httpNow(millis);
        assertSame("the same second, the same text", first, S3Dates.httpNow(millis + 500 - millis % 1000));
        assertEquals("Sun, 22 Nov 2026 08:02:18 GMT", first);
        assertEquals("Sun, 22 Nov 2026 08:02:19 GMT", S3Dates.httpNow(millis + 1000));
    }
}

package io.manticore.protocol.s3.internal.op;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import org.junit.Test;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

public class ByteRangeTest {

    @Test
    public void firstByteOnly() {
        ByteRange r = ByteRange.parse("bytes=0-0", 100);
        assertEquals(new ByteRange(0, 0), r);
        assertEquals(1, r.length());
    }

    @Test
    public void closedRange() {
        ByteRange r = ByteRange.parse("bytes=10-19", 100);
        assertEquals(new ByteRange(10, 19), r);
        assertEquals(10, r.length());
    }

    @Test
    public void openEndedRangeRunsToTheEnd() {
        assertEquals(new ByteRange(5, 99), ByteRange.parse("bytes=5-", 100));
    }

    @Test
    public void suffixRangeIsTheLastBytes() {
        assertEquals(new ByteRange(95, 99), ByteRange.parse("bytes=-5", 100));
    }

    @Test
    public void suffixLongerThanTheObjectIsTheWholeObject() {
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-500", 100));
    }

    @Test
    public void emptySuffixIsUnsatisfiable() {
        assertUnsatisfiable("bytes=-0", 100);
    }

    @Test
    public void startAtSizeIsUnsatisfiable() {
        assertUnsatisfiable("bytes=100-", 100);
        assertUnsatisfiable("bytes=100-150", 100);
    }

    @Test
    public void startPastSizeIsUnsatisfiable() {
        assertUnsatisfiable("bytes=101-200", 100);
    }

    @Test
    public void lastBeyondSizeIsClipped() {
        ByteRange r = ByteRange.parse("bytes=90-1000", 100);
        assertEquals(new ByteRange(90, 99), r);
        assertEquals(10, r.length());
    }

    @Test
    public void lastByteOfObject() {
        assertEquals(new ByteRange(99, 99), ByteRange.parse("bytes=99-99", 100));
    }

    @Test
    public void spacesAroundTheSpecAreAllowed() {
        assertEquals(new ByteRange(1, 2), ByteRange.parse(" bytes= 1 - 2 ", 100));
    }

    @Test
    public void severalRangesMeanTheWholeObject() {
        assertNull(ByteRange.parse("bytes=0-1,5-6", 100));
    }

    @Test
    public void anotherUnitMeansTheWholeObject() {
        assertNull(ByteRange.parse("items=0-1", 100));
        assertEquals("the unit is case-insensitive", new ByteRange(0, 1), ByteRange.parse("Bytes=0-1", 100));
    }

    @Test
    public void noHeaderMeansTheWholeObject() {
        assertNull(ByteRange.parse(null, 100));
    }

    @Test
    public void garbageMeansTheWholeObject() {
        assertNull(ByteRange.parse("bytes=abc", 100));
        assertNull(ByteRange.parse("bytes=a-b", 100));
        assertNull(ByteRange.parse("bytes=", 100));
        assertNull(ByteRange.parse("bytes=-", 100));
        assertNull(ByteRange.parse("bytes=5", 100));
        assertNull(ByteRange.parse("nonsense", 100));
        assertNull(ByteRange.parse("bytes=1-2-3", 100));
    }

    @Test
    public void reversedRangeMeansTheWholeObject() {
        assertNull(ByteRange.parse("bytes=20-10", 100));
    }

    @Test
    public void signedNumbersAreGarbage() {
        // RFC 7233 2.1: positions are 1*DIGIT; a sign makes the header invalid, hence ignored.
        assertNull(ByteRange.parse("bytes=--5", 100));
        assertNull(ByteRange.parse("bytes=+1-2", 100));
        assertNull(ByteRange.parse("bytes=1-+2", 100));
        assertNull(ByteRange.parse("bytes=-+5", 100));
    }

    @Test
    public void anyRangeOfAnEmptyObjectIsUnsatisfiable() {
        assertUnsatisfiable("bytes=0-0", 0);
        assertUnsatisfiable("bytes=0-", 0);
        assertUnsatisfiable("bytes=-5", 0);
    }

    @Test
    public void garbageOnAnEmptyObjectMeansTheWholeObject() {
        assertNull(ByteRange.parse("bytes=x-y", 0));
    }

    private static void assertUnsatisfiable(String header, long size) {
        try {
            ByteRange r = ByteRange.parse(header, size);
            fail(header + " gave " + r);
        } catch (S3Exception e) {
            assertEquals(S3Error.INVALID_RANGE, e.error());
            assertEquals(416, e.error().status().code());
        }
    }
}

package io.manticore.api.lease;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class LockRangeTest {

    private static final long TOP_HALF = Long.MIN_VALUE; // 2^63 as an unsigned offset

    @Test
    public void lengthZeroReachesTheEndOfTheFile() {
        LockRange range = new LockRange(100, 0);
        assertTrue(range.reachesEnd());
        assertEquals(LockRange.MAX_OFFSET, range.last());
        assertEquals("[100..EOF]", range.toString());
    }

    @Test
    public void aRangeWhoseLastByteIsTheLastOffsetIsStoredAsToEnd() {
        assertEquals(LockRange.toEnd(1), new LockRange(1, -1L));
        assertEquals(LockRange.toEnd(0), LockRange.between(0, LockRange.MAX_OFFSET));
        assertEquals(LockRange.toEnd(TOP_HALF), new LockRange(TOP_HALF, TOP_HALF));
    }

    @Test
    public void aRangePastTheLastOffsetIsClampedToTheEnd() {
        LockRange range = new LockRange(-10L, 100);
        assertEquals(0, range.length());
        assertEquals(-10L, range.offset());
    }

    @Test
    public void aRangeEndingJustBeforeTheLastOffsetKeepsItsLength() {
        LockRange range = new LockRange(TOP_HALF, Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, range.length());
        assertEquals(-2L, range.last());
        assertEquals("[9223372036854775808..18446744073709551614]", range.toString());
    }

    @Test
    public void offsetsAboveLongMaxCompareUnsigned() {
        LockRange high = new LockRange(TOP_HALF + 10, 10);
        LockRange low = new LockRange(Long.MAX_VALUE - 5, 10);
        assertEquals(TOP_HALF + 3, low.last());
        assertFalse(high.overlaps(low));
        assertTrue(LockRange.toEnd(TOP_HALF).overlaps(high));
        assertTrue(LockRange.toEnd(TOP_HALF).overlaps(low));
        assertFalse(new LockRange(0, 10).overlaps(high));
    }

    @Test
    public void overlapNeedsASharedByte() {
        assertTrue(new LockRange(0, 10).overlaps(new LockRange(9, 1)));
        assertFalse(new LockRange(0, 10).overlaps(new LockRange(10, 1)));
        assertTrue(LockRange.WHOLE_FILE.overlaps(new LockRange(-1L, 1)));
    }

    @Test
    public void betweenRejectsAnEmptyRange() {
        assertThrows(IllegalArgumentException.class, () -> LockRange.between(10, 9));
        assertEquals(new LockRange(9, 1), LockRange.between(9, 9));
    }

    @Test
    public void ownersAreEqualByContent() {
        LockOwner a = LockOwner.of("nlm", "host-a", new byte[] {1, 2, 3});
        byte[] id = {1, 2, 3};
        LockOwner same = LockOwner.of("nlm", "host-a", id);
        id[0] = 9;
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, LockOwner.of("nlm", "host-b", new byte[] {1, 2, 3}));
        assertNotEquals(a, LockOwner.of("smb", "host-a", new byte[] {1, 2, 3}));
        assertNotEquals(a, LockOwner.of("nlm", "host-a", new byte[] {1, 2}));
        assertEquals("nlm:host-a:010203", a.toString());
        assertTrue(a.belongsTo("nlm", "host-a"));
        assertFalse(a.belongsTo("nlm", "host-b"));
    }

    @Test
    public void lockResultsKeepTheirInvariants() {
        assertThrows(IllegalArgumentException.class, () -> new LockResult(LockStatus.DENIED, null, null));
        assertThrows(IllegalArgumentException.class, () -> new LockResult(LockStatus.CANCELLED, null, null));
        assertEquals(LockStatus.GRANTED, LockResult.granted().status());
    }
}

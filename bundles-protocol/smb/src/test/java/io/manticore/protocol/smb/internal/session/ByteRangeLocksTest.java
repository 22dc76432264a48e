package io.manticore.protocol.smb.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;

public class ByteRangeLocksTest {

    private final LockOwner open = LockOwner.of("smb", "s1", new byte[] {1, 2, 3});
    private final ByteRangeLocks locks = new ByteRangeLocks(open);

    @Test
    public void eachLockGetsAnOwnerOfItsOwnThatTheOpenRecognises() {
        LockOwner first = locks.newOwner();
        LockOwner second = locks.newOwner();
        assertNotEquals(first, second);
        assertTrue(locks.owns(first));
        assertTrue(locks.owns(second));
        assertFalse("the open's own owner is not a lock's", locks.owns(open));
        assertFalse("another open's", locks.owns(new ByteRangeLocks(LockOwner.of("smb", "s1", new byte[] {1, 2, 4})).newOwner()));
        assertFalse("another session's", locks.owns(new ByteRangeLocks(LockOwner.of("smb", "s2", new byte[] {1, 2, 3})).newOwner()));
    }

    @Test
    public void anUnlockTakesAnExclusiveLockOnTheExactRangeFirstThenTheShared() {
        ByteRangeLocks.Held shared = new ByteRangeLocks.Held(10, 10, false, null);
        ByteRangeLocks.Held exclusive = new ByteRangeLocks.Held(10, 10, true, null);
        locks.add(shared);
        locks.add(exclusive);
        assertNull("not the exact range", locks.removeExact(10, 9));
        assertEquals(exclusive, locks.removeExact(10, 10));
        assertEquals(shared, locks.removeExact(10, 10));
        assertNull(locks.removeExact(10, 10));
    }

    @Test
    public void closingRemovesEveryLock() {
        locks.add(new ByteRangeLocks.Held(0, 1, true, locks.newOwner()));
        locks.add(new ByteRangeLocks.Held(5, 0, false, null));
        assertEquals(2, locks.removeAll().size());
        assertEquals(List.of(), locks.removeAll());
    }

    @Test
    public void rangesOverlapAsMsFsaComputesIt() {
        LockInfo fiveToFifteen = lock(5, 10);
        assertTrue(ByteRangeLocks.overlaps(fiveToFifteen, 14, 1));
        assertFalse(ByteRangeLocks.overlaps(fiveToFifteen, 15, 1));
        assertFalse(ByteRangeLocks.overlaps(fiveToFifteen, 0, 5));
        assertTrue(ByteRangeLocks.overlaps(fiveToFifteen, 0, 6));
        assertTrue("zero length inside", ByteRangeLocks.overlaps(fiveToFifteen, 10, 0));
        assertFalse("zero length at the start", ByteRangeLocks.overlaps(fiveToFifteen, 5, 0));
        assertFalse("{0, 0} overlaps nothing", ByteRangeLocks.overlaps(lock(0, 10), 0, 0));
        assertTrue("up to the last offset", ByteRangeLocks.overlaps(lock(-10L, 10), -1L, 1));
    }

    private LockInfo lock(long offset, long length) {
        return new LockInfo(null, locks.newOwner(), new LockRange(offset, length), true, false);
    }
}

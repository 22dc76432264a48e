package io.manticore.core.internal.lease;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.Test;

import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;

public class PosixRangesTest {

    private static final LockOwner OWNER = LockOwner.of("nlm", "host", new byte[] {1});
    private static final long MAX = LockRange.MAX_OFFSET;

    private static Held shared(long first, long last) {
        return new Held(OWNER, first, last, false);
    }

    private static Held exclusive(long first, long last) {
        return new Held(OWNER, first, last, true);
    }

    private static List<Held> sorted(List<Held> locks) {
        List<Held> copy = new ArrayList<>(locks);
        copy.sort(Comparator.comparing(Held::first, Long::compareUnsigned));
        return copy;
    }

    @Test
    public void aLockOfAnotherTypeInsideARangeSplitsItInThree() {
        assertEquals(List.of(shared(0, 39), exclusive(40, 59), shared(60, 99)),
                sorted(PosixRanges.lock(List.of(shared(0, 99)), exclusive(40, 59))));
    }

    @Test
    public void overlappingRangesOfOneTypeMerge() {
        assertEquals(List.of(shared(0, 19)), sorted(PosixRanges.lock(List.of(shared(0, 9)), shared(5, 19))));
    }

    @Test
    public void adjacentRangesOfOneTypeCoalesce() {
        assertEquals(List.of(shared(0, 19)), sorted(PosixRanges.lock(List.of(shared(0, 9)), shared(10, 19))));
        assertEquals(List.of(shared(0, 19)), sorted(PosixRanges.lock(List.of(shared(10, 19)), shared(0, 9))));
    }

    @Test
    public void adjacentRangesOfDifferentTypesStaySeparate() {
        assertEquals(List.of(shared(0, 9), exclusive(10, 19)),
                sorted(PosixRanges.lock(List.of(shared(0, 9)), exclusive(10, 19))));
    }

    @Test
    public void aLockBridgingTwoRangesMergesThemAll() {
        assertEquals(List.of(shared(0, 29)),
                sorted(PosixRanges.lock(List.of(shared(0, 9), shared(20, 29)), shared(10, 19))));
        assertEquals(List.of(shared(0, 29)),
                sorted(PosixRanges.lock(List.of(shared(0, 9), shared(20, 29)), shared(5, 25))));
    }

    @Test
    public void anUpgradeOverTheWholeRangeReplacesIt() {
        assertEquals(List.of(exclusive(0, 9)), sorted(PosixRanges.lock(List.of(shared(0, 9)), exclusive(0, 9))));
    }

    @Test
    public void anUpgradeCoveringSeveralRangesReplacesThemAndCutsTheEdges() {
        assertEquals(List.of(shared(0, 4), exclusive(5, 24), shared(25, 29)),
                sorted(PosixRanges.lock(List.of(shared(0, 9), shared(12, 14), shared(20, 29)), exclusive(5, 24))));
    }

    @Test
    public void aDowngradeOfPartOfARangeSplitsIt() {
        assertEquals(List.of(shared(0, 49), exclusive(50, 99)),
                sorted(PosixRanges.lock(List.of(exclusive(0, 99)), shared(0, 49))));
    }

    @Test
    public void aDowngradeMergesWithAnAdjacentSharedRange() {
        assertEquals(List.of(shared(0, 19)),
                sorted(PosixRanges.lock(List.of(shared(0, 9), exclusive(10, 19)), shared(10, 19))));
    }

    @Test
    public void aSequenceOfLocksKeepsRangesDisjointAndCoalesced() {
        List<Held> locks = PosixRanges.lock(List.of(exclusive(0, 10), exclusive(40, 50)), exclusive(5, 15));
        assertEquals(List.of(exclusive(0, 15), exclusive(40, 50)), sorted(locks));
        locks = PosixRanges.lock(locks, shared(16, 30));
        assertEquals(List.of(exclusive(0, 15), shared(16, 30), exclusive(40, 50)), sorted(locks));
        locks = PosixRanges.lock(locks, exclusive(31, 45));
        assertEquals(List.of(exclusive(0, 15), shared(16, 30), exclusive(31, 50)), sorted(locks));
        locks = PosixRanges.lock(locks, exclusive(16, 30));
        assertEquals(List.of(exclusive(0, 50)), sorted(locks));
    }

    @Test
    public void unlockingTheMiddleSplitsARange() {
        assertEquals(List.of(exclusive(0, 39), exclusive(60, 99)),
                sorted(PosixRanges.unlock(List.of(exclusive(0, 99)), 40, 59)));
    }

    @Test
    public void unlockingAcrossSeveralRangesTrimsAndDrops() {
        assertEquals(List.of(shared(0, 4), exclusive(26, 29)),
                sorted(PosixRanges.unlock(List.of(shared(0, 9), exclusive(12, 14), exclusive(20, 29)), 5, 25)));
    }

    @Test
    public void unlockingAnUnlockedRangeChangesNothing() {
        assertEquals(List.of(shared(0, 9)), sorted(PosixRanges.unlock(List.of(shared(0, 9)), 10, 19)));
    }

    @Test
    public void unlockingTheTailOfAnEndOfFileLockKeepsTheHead() {
        assertEquals(List.of(shared(100, 199)), sorted(PosixRanges.unlock(List.of(shared(100, MAX)), 200, MAX)));
    }

    @Test
    public void unlockingTheLastByteLeavesEverythingBelowIt() {
        assertEquals(List.of(exclusive(0, MAX - 1)), sorted(PosixRanges.unlock(List.of(exclusive(0, MAX)), MAX, MAX)));
    }

    @Test
    public void anEndOfFileLockIsNotAdjacentToTheStartOfTheFile() {
        assertEquals(List.of(exclusive(0, 9), exclusive(MAX - 9, MAX)),
                sorted(PosixRanges.lock(List.of(exclusive(MAX - 9, MAX)), exclusive(0, 9))));
        assertEquals(List.of(exclusive(0, 9), exclusive(MAX - 9, MAX)),
                sorted(PosixRanges.lock(List.of(exclusive(0, 9)), exclusive(MAX - 9, MAX))));
    }

    @Test
    public void aWholeFileLockAbsorbsEveryRangeOfItsType() {
        assertEquals(List.of(exclusive(0, MAX)),
                sorted(PosixRanges.lock(List.of(exclusive(0, 9), shared(50, 60), exclusive(MAX - 1, MAX)), exclusive(0, MAX))));
    }

    @Test
    public void rangesAboveLongMaxMergeUnsigned() {
        long high = Long.MIN_VALUE;
        assertEquals(List.of(shared(high - 10, high + 10)),
                sorted(PosixRanges.lock(List.of(shared(high - 10, high - 1)), shared(high, high + 10))));
    }
}

package io.manticore.core.internal.lease;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Test;

import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.api.lease.LockResult;
import io.manticore.api.lease.LockStatus;
import io.manticore.api.lease.PendingLock;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;

public class CoreLeaseManagerTest {

    private static final FileHandle FILE = handle(1);
    private static final FileHandle OTHER_FILE = handle(2);
    private static final FileHandle THIRD_FILE = handle(3);
    private static final LockOwner A = owner("host-a", 1);
    private static final LockOwner B = owner("host-b", 1);
    private static final LockOwner C = owner("host-c", 1);
    private static final long TOP_HALF = Long.MIN_VALUE; // 2^63 as an unsigned offset

    private CoreLeaseManager leases = new CoreLeaseManager();

    @After
    public void close() {
        leases.close();
        assertTrue(leases.isIdle());
    }

    static FileHandle handle(long n) {
        return FileHandle.of(MountId.forName("lease-test"), ByteBuffer.allocate(8).putLong(n).array());
    }

    static LockOwner owner(String client, int id) {
        return LockOwner.of("nlm", client, new byte[] {0, 0, 0, (byte) id});
    }

    private static LockRange range(long first, long last) {
        return LockRange.between(first, last);
    }

    private static LockInfo held(FileHandle file, LockOwner owner, LockRange range, boolean exclusive) {
        return new LockInfo(file, owner, range, exclusive, false);
    }

    private static LockInfo waiting(FileHandle file, LockOwner owner, LockRange range, boolean exclusive) {
        return new LockInfo(file, owner, range, exclusive, true);
    }

    private static LockStatus outcome(PendingLock pending) {
        return pending.completion().toCompletableFuture().getNow(null);
    }

    private LockStatus lock(LockOwner owner, long first, long last, boolean exclusive) {
        return leases.lock(FILE, owner, range(first, last), exclusive, false).status();
    }

    private PendingLock blocked(FileHandle file, LockOwner owner, LockRange range, boolean exclusive) {
        LockResult result = leases.lock(file, owner, range, exclusive, true);
        assertEquals(LockStatus.BLOCKED, result.status());
        assertNull(outcome(result.pending()));
        return result.pending();
    }

    // conflicts

    @Test
    public void sharedLocksOfTwoOwnersCoexist() {
        assertEquals(LockStatus.GRANTED, lock(A, 0, 99, false));
        assertEquals(LockStatus.GRANTED, lock(B, 50, 149, false));
        assertEquals(List.of(held(FILE, A, range(0, 99), false), held(FILE, B, range(50, 149), false)), leases.locks(FILE));
    }

    @Test
    public void anExclusiveLockIsDeniedOverAnotherOwnersSharedLockAndNamesIt() {
        lock(A, 10, 19, false);
        LockResult result = leases.lock(FILE, B, range(0, 10), true, false);
        assertEquals(LockStatus.DENIED, result.status());
        assertEquals(held(FILE, A, range(10, 19), false), result.conflict());
        assertNull(result.pending());
        assertEquals(List.of(held(FILE, A, range(10, 19), false)), leases.locks(FILE));
    }

    @Test
    public void aSharedLockIsDeniedOverAnotherOwnersExclusiveLock() {
        lock(A, 10, 19, true);
        assertEquals(LockStatus.DENIED, lock(B, 19, 30, false));
        assertEquals(LockStatus.GRANTED, lock(B, 20, 30, false));
        assertEquals(LockStatus.GRANTED, lock(B, 0, 9, true));
    }

    @Test
    public void testLockReportsTheConflictWithTheLowestOffset() {
        lock(A, 50, 59, false);
        lock(B, 20, 29, true);
        lock(C, 40, 49, false);
        assertEquals(Optional.of(held(FILE, B, range(20, 29), true)),
                leases.testLock(FILE, owner("host-d", 1), LockRange.WHOLE_FILE, false));
        assertEquals(Optional.of(held(FILE, B, range(20, 29), true)),
                leases.testLock(FILE, owner("host-d", 1), LockRange.WHOLE_FILE, true));
        assertEquals(Optional.of(held(FILE, C, range(40, 49), false)),
                leases.testLock(FILE, owner("host-d", 1), range(30, 99), true));
        assertEquals(Optional.empty(), leases.testLock(FILE, owner("host-d", 1), range(30, 99), false));
        assertEquals(Optional.empty(), leases.testLock(FILE, B, range(0, 39), true));
        assertEquals(Optional.empty(), leases.testLock(OTHER_FILE, A, LockRange.WHOLE_FILE, true));
    }

    @Test
    public void testLockChangesNothing() {
        assertEquals(Optional.empty(), leases.testLock(FILE, A, LockRange.WHOLE_FILE, true));
        assertTrue(leases.isIdle());
    }

    @Test
    public void ownersDifferingOnlyInClientOrProtocolConflict() {
        lock(A, 0, 9, true);
        assertEquals(LockStatus.DENIED, lock(owner("host-b", 1), 0, 9, true));
        assertEquals(LockStatus.DENIED, lock(LockOwner.of("smb", "host-a", new byte[] {0, 0, 0, 1}), 0, 9, true));
        assertEquals(LockStatus.DENIED, lock(owner("host-a", 2), 0, 9, true));
        assertEquals(LockStatus.GRANTED, lock(owner("host-a", 1), 0, 9, true));
    }

    @Test
    public void locksOnDifferentFilesNeverConflict() {
        assertEquals(LockStatus.GRANTED, leases.lock(FILE, A, LockRange.WHOLE_FILE, true, false).status());
        assertEquals(LockStatus.GRANTED, leases.lock(OTHER_FILE, B, LockRange.WHOLE_FILE, true, false).status());
    }

    // one owner's locks

    @Test
    public void anOwnersLocksNeverConflictAndMergeAsFcntlDoes() {
        assertEquals(LockStatus.GRANTED, lock(A, 0, 99, true));
        assertEquals(LockStatus.GRANTED, lock(A, 40, 59, false));
        assertEquals(List.of(held(FILE, A, range(0, 39), true), held(FILE, A, range(40, 59), false),
                held(FILE, A, range(60, 99), true)), leases.locks(FILE));
        assertEquals(LockStatus.GRANTED, lock(A, 0, 199, false));
        assertEquals(List.of(held(FILE, A, range(0, 199), false)), leases.locks(FILE));
        assertEquals(1, leases.clientCount("nlm", "host-a"));
    }

    @Test
    public void anUpgradeIsDeniedWhileAnotherOwnerSharesTheRangeAndKeepsTheSharedLock() {
        lock(A, 0, 9, false);
        lock(B, 5, 9, false);
        LockResult result = leases.lock(FILE, A, range(0, 9), true, false);
        assertEquals(LockStatus.DENIED, result.status());
        assertEquals(held(FILE, B, range(5, 9), false), result.conflict());
        assertEquals(List.of(held(FILE, A, range(0, 9), false), held(FILE, B, range(5, 9), false)), leases.locks(FILE));
        assertEquals(LockStatus.GRANTED, lock(A, 0, 4, true));
        assertEquals(List.of(held(FILE, A, range(0, 4), true), held(FILE, A, range(5, 9), false),
                held(FILE, B, range(5, 9), false)), leases.locks(FILE));
    }

    @Test
    public void aPartialUnlockSplitsTheLockAndFreesOnlyThatPart() {
        lock(A, 0, 99, true);
        assertTrue(leases.unlock(FILE, A, range(40, 59)));
        assertEquals(List.of(held(FILE, A, range(0, 39), true), held(FILE, A, range(60, 99), true)), leases.locks(FILE));
        assertEquals(2, leases.clientCount("nlm", "host-a"));
        assertEquals(LockStatus.DENIED, lock(B, 39, 40, true));
        assertEquals(LockStatus.GRANTED, lock(B, 40, 59, true));
    }

    @Test
    public void unlockingAnotherOwnersRangeOrNothingChangesNothing() {
        lock(A, 0, 9, true);
        assertTrue(leases.unlock(FILE, B, range(0, 9)));
        assertTrue(leases.unlock(OTHER_FILE, A, range(0, 9)));
        assertTrue(leases.unlock(FILE, A, range(10, 19)));
        assertEquals(List.of(held(FILE, A, range(0, 9), true)), leases.locks(FILE));
    }

    @Test
    public void unlockingEverythingDropsTheFilesState() {
        lock(A, 0, 9, true);
        lock(A, 20, 29, false);
        assertTrue(leases.unlock(FILE, A, LockRange.WHOLE_FILE));
        assertEquals(List.of(), leases.locks());
        assertTrue(leases.isIdle());
    }

    // ranges to the end of the file and above Long.MAX_VALUE

    @Test
    public void aLockToTheEndOfTheFileConflictsWithEveryHigherOffset() {
        leases.lock(FILE, A, LockRange.toEnd(100), true, false);
        assertEquals(LockStatus.DENIED, lock(B, -2L, -1L, false));
        assertEquals(LockStatus.DENIED, lock(B, TOP_HALF, TOP_HALF + 9, false));
        assertEquals(LockStatus.DENIED, lock(B, 99, 100, false));
        assertEquals(LockStatus.GRANTED, lock(B, 0, 99, true));
        assertEquals(held(FILE, A, LockRange.toEnd(100), true), leases.locks(FILE).get(1));
    }

    @Test
    public void unlockingTheTailOfAnEndOfFileLockLeavesAFiniteRange() {
        leases.lock(FILE, A, LockRange.toEnd(100), false, false);
        leases.unlock(FILE, A, LockRange.toEnd(200));
        assertEquals(List.of(held(FILE, A, range(100, 199), false)), leases.locks(FILE));
        assertEquals(LockStatus.GRANTED, lock(B, 200, -1L, true));
        assertEquals(held(FILE, B, LockRange.toEnd(200), true), leases.locks(FILE).get(1));
    }

    @Test
    public void offsetsAboveLongMaxAreKeptExactly() {
        assertEquals(LockStatus.GRANTED, lock(A, TOP_HALF + 10, TOP_HALF + 19, true));
        assertEquals(LockStatus.GRANTED, lock(B, Long.MAX_VALUE - 9, TOP_HALF + 9, true));
        assertEquals(LockStatus.DENIED, lock(C, TOP_HALF + 9, TOP_HALF + 10, false));
        assertEquals(List.of(held(FILE, B, range(Long.MAX_VALUE - 9, TOP_HALF + 9), true),
                held(FILE, A, new LockRange(TOP_HALF + 10, 10), true)), leases.locks(FILE));
        assertEquals(Optional.of(held(FILE, A, new LockRange(TOP_HALF + 10, 10), true)),
                leases.testLock(FILE, C, LockRange.toEnd(TOP_HALF + 15), false));
    }

    // waiting requests

    @Test
    public void aWaitingRequestIsGrantedWhenTheConflictGoesAway() {
        lock(A, 0, 9, true);
        LockResult result = leases.lock(FILE, B, range(5, 14), true, true);
        assertEquals(LockStatus.BLOCKED, result.status());
        assertEquals(held(FILE, A, range(0, 9), true), result.conflict());
        PendingLock pending = result.pending();
        assertEquals(FILE, pending.file());
        assertEquals(B, pending.owner());
        assertEquals(range(5, 14), pending.range());
        assertTrue(pending.exclusive());
        assertEquals(List.of(held(FILE, A, range(0, 9), true), waiting(FILE, B, range(5, 14), true)), leases.locks(FILE));
        assertNull(outcome(pending));

        leases.unlock(FILE, A, range(0, 4));
        assertNull(outcome(pending));
        leases.unlock(FILE, A, range(5, 9));
        assertEquals(LockStatus.GRANTED, outcome(pending));
        assertEquals(List.of(held(FILE, B, range(5, 14), true)), leases.locks(FILE));
        assertEquals(1, leases.clientCount("nlm", "host-b"));
        assertFalse(pending.cancel());
    }

    @Test
    public void waitersAreGrantedOneAtATimeInArrivalOrder() {
        lock(A, 0, 9, true);
        LockOwner[] owners = {owner("w1", 1), owner("w2", 1), owner("w3", 1)};
        List<String> order = new ArrayList<>();
        List<PendingLock> pending = new ArrayList<>();
        for (LockOwner owner : owners) {
            PendingLock p = blocked(FILE, owner, range(0, 9), true);
            p.completion().thenAccept(status -> order.add(owner.clientId() + " " + status));
            pending.add(p);
        }
        leases.unlock(FILE, A, LockRange.WHOLE_FILE);
        assertEquals(List.of("w1 GRANTED"), order);
        assertNull(outcome(pending.get(1)));
        leases.unlock(FILE, owners[0], LockRange.WHOLE_FILE);
        assertEquals(List.of("w1 GRANTED", "w2 GRANTED"), order);
        leases.unlock(FILE, owners[1], LockRange.WHOLE_FILE);
        assertEquals(List.of("w1 GRANTED", "w2 GRANTED", "w3 GRANTED"), order);
        assertEquals(List.of(held(FILE, owners[2], range(0, 9), true)), leases.locks(FILE));
    }

    @Test
    public void sharedWaitersAreGrantedTogetherAndAnExclusiveOneWaitsForThem() {
        lock(A, 0, 9, true);
        PendingLock first = blocked(FILE, B, range(0, 9), false);
        PendingLock writer = blocked(FILE, C, range(0, 9), true);
        PendingLock second = blocked(FILE, owner("host-d", 1), range(0, 9), false);
        leases.unlock(FILE, A, LockRange.WHOLE_FILE);
        assertEquals(LockStatus.GRANTED, outcome(first));
        assertEquals(LockStatus.GRANTED, outcome(second));
        assertNull(outcome(writer));
        leases.releaseOwner(B);
        assertNull(outcome(writer));
        leases.releaseOwner(owner("host-d", 1));
        assertEquals(LockStatus.GRANTED, outcome(writer));
    }

    @Test
    public void aWaiterWhoseRangeIsFreedIsNotHeldBehindAnEarlierWaiterStillBlocked() {
        lock(A, 0, 9, true);
        lock(B, 20, 29, true);
        PendingLock wide = blocked(FILE, C, range(0, 29), true);
        PendingLock narrow = blocked(FILE, owner("host-d", 1), range(20, 29), true);
        leases.unlock(FILE, B, LockRange.WHOLE_FILE);
        assertNull(outcome(wide));
        assertEquals(LockStatus.GRANTED, outcome(narrow));
    }

    @Test
    public void aGrantThatDowngradesItsOwnersLockFreesAnEarlierWaiter() {
        lock(A, 0, 9, true);
        lock(B, 15, 19, true);
        PendingLock reader = blocked(FILE, C, range(0, 9), false);
        PendingLock downgrade = blocked(FILE, A, range(0, 19), false);
        leases.unlock(FILE, B, LockRange.WHOLE_FILE);
        assertEquals(LockStatus.GRANTED, outcome(downgrade));
        assertEquals(LockStatus.GRANTED, outcome(reader));
        assertEquals(List.of(held(FILE, C, range(0, 9), false), held(FILE, A, range(0, 19), false)), leases.locks(FILE));
    }

    @Test
    public void aRequestThatDoesNotWaitIsNotHeldBehindWaiters() {
        lock(A, 0, 9, false);
        blocked(FILE, B, range(0, 9), true);
        assertEquals(LockStatus.GRANTED, lock(C, 0, 9, false));
        assertEquals(Optional.of(held(FILE, A, range(0, 9), false)), leases.testLock(FILE, C, range(0, 9), true));
    }

    @Test
    public void aRepeatedBlockedRequestGetsTheSamePendingLock() {
        lock(A, 0, 9, true);
        PendingLock first = blocked(FILE, B, range(0, 9), true);
        assertSame(first, leases.lock(FILE, B, range(0, 9), true, true).pending());
        PendingLock otherType = blocked(FILE, B, range(0, 9), false);
        assertNotSame(first, otherType);
        assertEquals(3, leases.locks(FILE).size());
        assertEquals(2, leases.clientCount("nlm", "host-b"));
    }

    @Test
    public void aCancelledRequestCompletesCancelledAndLeavesTheLine() {
        lock(A, 0, 9, true);
        PendingLock pending = blocked(FILE, B, range(0, 9), true);
        assertTrue(pending.cancel());
        assertEquals(LockStatus.CANCELLED, outcome(pending));
        assertFalse(pending.cancel());
        assertEquals(List.of(held(FILE, A, range(0, 9), true)), leases.locks(FILE));
        assertEquals(0, leases.clientCount("nlm", "host-b"));
        leases.unlock(FILE, A, LockRange.WHOLE_FILE);
        assertEquals(LockStatus.CANCELLED, outcome(pending));
        assertTrue(leases.isIdle());
    }

    @Test
    public void cancelLockMatchesOwnerRangeAndTypeExactly() {
        lock(A, 0, 9, true);
        PendingLock pending = blocked(FILE, B, range(0, 9), true);
        assertFalse(leases.cancelLock(FILE, B, range(0, 9), false));
        assertFalse(leases.cancelLock(FILE, B, range(0, 8), true));
        assertFalse(leases.cancelLock(FILE, C, range(0, 9), true));
        assertFalse(leases.cancelLock(OTHER_FILE, B, range(0, 9), true));
        assertNull(outcome(pending));
        assertTrue(leases.cancelLock(FILE, B, range(0, 9), true));
        assertEquals(LockStatus.CANCELLED, outcome(pending));
    }

    @Test
    public void completionsRunWithoutTheFileMonitorHeld() throws Exception {
        lock(A, 0, 9, true);
        PendingLock pending = blocked(FILE, B, range(0, 9), true);
        AtomicReference<LockStatus> fromAnotherThread = new AtomicReference<>();
        AtomicBoolean finishedInTime = new AtomicBoolean();
        pending.completion().thenRun(() -> {
            Thread other = new Thread(() -> fromAnotherThread.set(lock(C, 20, 29, true)));
            other.start();
            try {
                finishedInTime.set(other.join(Duration.ofSeconds(5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        leases.unlock(FILE, A, LockRange.WHOLE_FILE);
        assertTrue(finishedInTime.get());
        assertEquals(LockStatus.GRANTED, fromAnotherThread.get());
    }

    @Test
    public void aCompletionMayCallTheManager() {
        lock(A, 0, 9, true);
        PendingLock pending = blocked(FILE, B, range(0, 9), true);
        pending.completion().thenRun(() -> leases.unlock(FILE, B, LockRange.WHOLE_FILE));
        leases.unlock(FILE, A, LockRange.WHOLE_FILE);
        assertEquals(LockStatus.GRANTED, outcome(pending));
        assertTrue(leases.isIdle());
    }

    // releasing owners and clients

    @Test
    public void releaseClientDropsItsLocksCancelsItsWaitersAndGrantsOthers() {
        LockOwner a2 = owner("host-a", 2);
        leases.lock(FILE, A, range(0, 9), true, false);
        leases.lock(FILE, A, range(20, 29), false, false);
        leases.lock(OTHER_FILE, C, range(0, 9), true, false);
        PendingLock bWaits = blocked(FILE, B, range(0, 9), true);
        PendingLock a2Waits = blocked(OTHER_FILE, a2, range(0, 9), false);
        leases.lock(THIRD_FILE, LockOwner.of("smb", "host-a", new byte[] {1}), range(0, 9), true, false);

        assertEquals(3, leases.releaseClient("nlm", "host-a"));

        assertEquals(LockStatus.GRANTED, outcome(bWaits));
        assertEquals(LockStatus.CANCELLED, outcome(a2Waits));
        assertEquals(List.of(held(FILE, B, range(0, 9), true)), leases.locks(FILE));
        assertEquals(List.of(held(OTHER_FILE, C, range(0, 9), true)), leases.locks(OTHER_FILE));
        assertEquals(1, leases.locks(THIRD_FILE).size());
        assertEquals(0, leases.clientCount("nlm", "host-a"));
        assertEquals(1, leases.clientCount("smb", "host-a"));
    }

    @Test
    public void releaseOwnerLeavesTheClientsOtherOwners() {
        LockOwner a2 = owner("host-a", 2);
        leases.lock(FILE, A, range(0, 9), false, false);
        leases.lock(FILE, a2, range(0, 9), false, false);
        leases.lock(OTHER_FILE, A, range(0, 9), false, false);
        assertEquals(2, leases.releaseOwner(A));
        assertEquals(List.of(held(FILE, a2, range(0, 9), false)), leases.locks());
        assertEquals(1, leases.clientCount("nlm", "host-a"));
    }

    @Test
    public void theListingShowsEveryFile() {
        leases.lock(FILE, A, range(0, 9), true, false);
        leases.lock(OTHER_FILE, B, range(5, 9), false, false);
        blocked(OTHER_FILE, C, range(0, 9), true);
        List<LockInfo> all = leases.locks();
        assertEquals(3, all.size());
        assertTrue(all.contains(held(FILE, A, range(0, 9), true)));
        int other = all.indexOf(held(OTHER_FILE, B, range(5, 9), false));
        assertEquals(waiting(OTHER_FILE, C, range(0, 9), true), all.get(other + 1));
    }

    @Test
    public void closeCancelsEveryWaiter() {
        lock(A, 0, 9, true);
        PendingLock pending = blocked(FILE, B, range(0, 9), true);
        leases.close();
        assertEquals(LockStatus.CANCELLED, outcome(pending));
        assertTrue(leases.isIdle());
    }

    // bounds

    @Test
    public void aClientPastItsBoundGetsNoLocksAndOthersAreUnaffected() {
        leases = new CoreLeaseManager(new LockLimits(3, 10));
        assertEquals(LockStatus.GRANTED, lock(A, 0, 0, true));
        assertEquals(LockStatus.GRANTED, lock(A, 2, 2, true));
        assertEquals(LockStatus.GRANTED, lock(owner("host-a", 2), 4, 4, true));
        assertEquals(LockStatus.NO_LOCKS, lock(A, 6, 6, true));
        assertEquals(LockStatus.NO_LOCKS, leases.lock(OTHER_FILE, A, range(6, 6), true, false).status());
        assertEquals(LockStatus.GRANTED, lock(B, 6, 6, true));
        assertEquals(LockStatus.GRANTED, lock(A, 1, 1, true)); // merges [0..2]: fewer ranges, not more
        assertEquals(2, leases.clientCount("nlm", "host-a"));
        assertEquals(LockStatus.GRANTED, lock(A, 8, 8, true));
        assertEquals(3, leases.clientCount("nlm", "host-a"));
        assertEquals(List.of(), leases.locks(OTHER_FILE));
    }

    @Test
    public void anUnlockThatWouldSplitPastTheBoundIsRefusedAndChangesNothing() {
        leases = new CoreLeaseManager(new LockLimits(2, 10));
        lock(A, 0, 99, true);
        lock(A, 200, 299, true);
        assertFalse(leases.unlock(FILE, A, range(40, 59)));
        assertEquals(List.of(held(FILE, A, range(0, 99), true), held(FILE, A, range(200, 299), true)), leases.locks(FILE));
        assertTrue(leases.unlock(FILE, A, range(50, 99)));
        assertTrue(leases.unlock(FILE, A, range(200, 299)));
        assertTrue(leases.unlock(FILE, A, range(10, 19)));
        assertEquals(List.of(held(FILE, A, range(0, 9), true), held(FILE, A, range(20, 49), true)), leases.locks(FILE));
    }

    @Test
    public void aSplitThatWouldPassTheBoundIsRefused() {
        leases = new CoreLeaseManager(new LockLimits(2, 10));
        lock(A, 0, 99, false);
        assertEquals(LockStatus.NO_LOCKS, lock(A, 40, 59, true));
        assertEquals(List.of(held(FILE, A, range(0, 99), false)), leases.locks(FILE));
        assertEquals(LockStatus.GRANTED, lock(A, 0, 59, true));
    }

    @Test
    public void waitersPerFileAreBounded() {
        leases = new CoreLeaseManager(new LockLimits(10, 2));
        lock(A, 0, 9, true);
        blocked(FILE, B, range(0, 9), true);
        blocked(FILE, C, range(0, 9), true);
        assertEquals(LockStatus.NO_LOCKS, leases.lock(FILE, owner("host-d", 1), range(0, 9), true, true).status());
        assertEquals(LockStatus.BLOCKED, leases.lock(FILE, B, range(0, 9), true, true).status());
        assertEquals(LockStatus.DENIED, leases.lock(FILE, owner("host-d", 1), range(0, 9), true, false).status());
        assertEquals(3, leases.locks(FILE).size());
    }

    @Test
    public void waitingRequestsCountAgainstTheClientsBound() {
        leases = new CoreLeaseManager(new LockLimits(2, 10));
        lock(A, 0, 9, true);
        blocked(FILE, B, range(0, 9), true);
        blocked(FILE, B, range(0, 4), false);
        assertEquals(2, leases.clientCount("nlm", "host-b"));
        assertEquals(LockStatus.NO_LOCKS, leases.lock(FILE, B, range(5, 9), false, true).status());
        assertEquals(LockStatus.NO_LOCKS, lock(B, 20, 29, true));
    }

    @Test
    public void aGrantedWaiterSplittingItsOwnersLockPassesTheBoundByOne() {
        leases = new CoreLeaseManager(new LockLimits(2, 10));
        lock(A, 0, 99, false);
        lock(B, 40, 59, false);
        PendingLock upgrade = blocked(FILE, A, range(40, 59), true);
        assertEquals(2, leases.clientCount("nlm", "host-a"));
        leases.unlock(FILE, B, LockRange.WHOLE_FILE);
        assertEquals(LockStatus.GRANTED, outcome(upgrade));
        assertEquals(List.of(held(FILE, A, range(0, 39), false), held(FILE, A, range(40, 59), true),
                held(FILE, A, range(60, 99), false)), leases.locks(FILE));
        assertEquals(3, leases.clientCount("nlm", "host-a"));
        assertEquals(LockStatus.NO_LOCKS, lock(A, 200, 299, false));
        assertEquals(LockStatus.GRANTED, lock(A, 0, 99, true));
        assertEquals(1, leases.clientCount("nlm", "host-a"));
    }

    // deadlock

    @Test
    public void aWaitThatWouldCloseACycleIsRefused() {
        leases.lock(FILE, A, range(0, 9), true, false);
        leases.lock(OTHER_FILE, B, range(0, 9), true, false);
        PendingLock aWaits = blocked(OTHER_FILE, A, range(0, 9), true);
        LockResult result = leases.lock(FILE, B, range(5, 5), false, true);
        assertEquals(LockStatus.DEADLOCK, result.status());
        assertEquals(held(FILE, A, range(0, 9), true), result.conflict());
        assertEquals(List.of(held(FILE, A, range(0, 9), true)), leases.locks(FILE));
        assertEquals(1, leases.clientCount("nlm", "host-b"));
        assertEquals(LockStatus.DENIED, leases.lock(FILE, B, range(5, 5), false, false).status());
        leases.unlock(OTHER_FILE, B, LockRange.WHOLE_FILE);
        assertEquals(LockStatus.GRANTED, outcome(aWaits));
    }

    @Test
    public void aCycleThroughThreeOwnersIsRefused() {
        leases.lock(FILE, A, range(0, 9), true, false);
        leases.lock(OTHER_FILE, B, range(0, 9), true, false);
        leases.lock(THIRD_FILE, C, range(0, 9), true, false);
        blocked(OTHER_FILE, A, range(0, 9), true);
        blocked(THIRD_FILE, B, range(0, 9), true);
        assertEquals(LockStatus.DEADLOCK, leases.lock(FILE, C, range(0, 9), true, true).status());
        assertEquals(LockStatus.BLOCKED, leases.lock(FILE, owner("host-d", 1), range(0, 9), true, true).status());
    }

    @Test
    public void waitingForAWaitingOwnerWithoutACycleIsAllowed() {
        leases.lock(FILE, A, range(0, 9), true, false);
        leases.lock(OTHER_FILE, B, range(0, 9), true, false);
        blocked(OTHER_FILE, A, range(0, 9), true);
        blocked(FILE, C, range(0, 9), true);
        blocked(OTHER_FILE, C, range(0, 9), false);
    }

    @Test
    public void aCycleIsSeenThroughLocksGrantedAfterTheWaitBegan() {
        leases.lock(FILE, A, range(0, 9), false, false);
        PendingLock cWaits = blocked(FILE, C, range(0, 9), true);
        leases.lock(FILE, B, range(0, 9), false, false); // C now waits for B too
        leases.lock(OTHER_FILE, C, range(0, 9), true, false);
        assertEquals(LockStatus.DEADLOCK, leases.lock(OTHER_FILE, B, range(0, 9), true, true).status());
        leases.unlock(FILE, B, LockRange.WHOLE_FILE); // and no longer
        assertEquals(LockStatus.BLOCKED, leases.lock(OTHER_FILE, B, range(0, 9), true, true).status());
        assertNull(outcome(cWaits));
    }

    @Test
    public void aCancelledWaitNoLongerCountsForDeadlock() {
        leases.lock(FILE, A, range(0, 9), true, false);
        leases.lock(OTHER_FILE, B, range(0, 9), true, false);
        PendingLock aWaits = blocked(OTHER_FILE, A, range(0, 9), true);
        aWaits.cancel();
        blocked(FILE, B, range(0, 9), true);
    }
}

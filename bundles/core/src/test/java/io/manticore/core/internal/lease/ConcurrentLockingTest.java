package io.manticore.core.internal.lease;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.api.lease.LockResult;
import io.manticore.api.lease.LockStatus;
import io.manticore.api.vfs.FileHandle;

/**
 * Owners on several threads lock, unlock, wait, cancel and release at random on a few small
 * files, each acting as one thread of control. Every thread records in a shadow what it holds,
 * adding a range only after it was granted and removing it before it unlocks, so the shadow
 * never holds more than the manager granted: two conflicting entries in it mean the manager
 * granted conflicting locks at once. A checker also reads the manager's own listing throughout.
 */
public class ConcurrentLockingTest {

    private static final int THREADS = 8;
    private static final int OPERATIONS = 3_000;
    private static final int CELLS = 40; // every range lies in 0..39; "to end of file" covers up to 39
    private static final FileHandle[] FILES = {CoreLeaseManagerTest.handle(1), CoreLeaseManagerTest.handle(2), CoreLeaseManagerTest.handle(3)};

    private final CoreLeaseManager leases = new CoreLeaseManager();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Shadow[] shadows = {new Shadow(), new Shadow(), new Shadow()};
    private final AtomicInteger blocked = new AtomicInteger();
    private final AtomicInteger grantedAfterWaiting = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();

    @Test
    public void noTwoConflictingLocksAreEverGrantedAtOnce() throws Exception {
        LockOwner[] owners = new LockOwner[THREADS];
        for (int i = 0; i < THREADS; i++) {
            owners[i] = CoreLeaseManagerTest.owner("host-" + i % 3, i);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread checker = new Thread(() -> {
            while (running.get()) {
                for (FileHandle file : FILES) {
                    checkListing(leases.locks(file));
                }
            }
        });
        checker.start();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            Thread worker = new Thread(() -> work(owners, index));
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse("a worker hung", worker.isAlive());
        }
        running.set(false);
        checker.join();

        assertNull(failure.get());
        assertTrue("waits happened: " + blocked, blocked.get() > 100);
        assertTrue("waits were granted: " + grantedAfterWaiting, grantedAfterWaiting.get() > 10);
        assertTrue("waits were cancelled: " + cancelled, cancelled.get() > 0);
        for (LockOwner owner : owners) {
            leases.releaseOwner(owner);
        }
        assertEquals(List.of(), leases.locks());
        assertTrue(leases.isIdle());
    }

    private void work(LockOwner[] owners, int me) {
        Random random = new Random(me);
        LockOwner owner = owners[me];
        try {
            for (int op = 0; op < OPERATIONS && failure.get() == null; op++) {
                int f = random.nextInt(FILES.length);
                int first = random.nextInt(CELLS);
                int last = random.nextInt(8) == 0 ? CELLS - 1 : Math.min(CELLS - 1, first + random.nextInt(8));
                LockRange range = last == CELLS - 1 && random.nextBoolean() ? LockRange.toEnd(first) : LockRange.between(first, last);
                boolean exclusive = random.nextBoolean();
                int choice = random.nextInt(100);
                if (choice < 50) {
                    lock(owner, me, f, range, first, last, exclusive, random);
                } else if (choice < 85) {
                    shadows[f].release(me, first, last);
                    assertTrue(leases.unlock(FILES[f], owner, range));
                } else if (choice < 88) {
                    for (Shadow shadow : shadows) {
                        shadow.releaseAll(me);
                    }
                    leases.releaseOwner(owner);
                } else {
                    leases.testLock(FILES[f], owner, range, exclusive).ifPresent(conflict -> checkConflict(owner, range, exclusive, conflict));
                }
            }
        } catch (Exception | AssertionError e) {
            failure.compareAndSet(null, "owner " + me + ": " + e);
        }
    }

    private void lock(LockOwner owner, int me, int f, LockRange range, int first, int last, boolean exclusive, Random random)
            throws Exception {
        if (!exclusive) {
            shadows[f].weaken(me, first, last);
        }
        boolean wait = random.nextBoolean();
        LockResult result = leases.lock(FILES[f], owner, range, exclusive, wait);
        switch (result.status()) {
            case GRANTED -> shadows[f].acquire(me, first, last, exclusive);
            case DENIED, DEADLOCK -> checkConflict(owner, range, exclusive, result.conflict());
            case BLOCKED -> {
                blocked.incrementAndGet();
                checkConflict(owner, range, exclusive, result.conflict());
                CompletableFuture<LockStatus> done = result.pending().completion().toCompletableFuture();
                LockStatus status;
                try {
                    status = done.get(random.nextInt(3), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    status = result.pending().cancel() ? LockStatus.CANCELLED : done.get(5, TimeUnit.SECONDS);
                }
                if (status == LockStatus.GRANTED) {
                    grantedAfterWaiting.incrementAndGet();
                    shadows[f].acquire(me, first, last, exclusive);
                } else {
                    cancelled.incrementAndGet();
                    assertEquals(LockStatus.CANCELLED, status);
                }
            }
            default -> throw new AssertionError("unexpected " + result);
        }
    }

    private static void checkConflict(LockOwner owner, LockRange range, boolean exclusive, LockInfo conflict) {
        if (conflict.owner().equals(owner) || !conflict.range().overlaps(range) || !(exclusive || conflict.exclusive())) {
            throw new AssertionError(conflict + " does not conflict with " + range + " of " + owner);
        }
    }

    private void checkListing(List<LockInfo> locks) {
        for (int i = 0; i < locks.size(); i++) {
            LockInfo one = locks.get(i);
            for (int j = i + 1; j < locks.size(); j++) {
                LockInfo other = locks.get(j);
                if (one.waiting() || other.waiting()) {
                    continue;
                }
                boolean sameOwner = one.owner().equals(other.owner());
                boolean touch = one.range().overlaps(other.range())
                        || (sameOwner && one.exclusive() == other.exclusive() && adjoin(one.range(), other.range()));
                if (touch && (sameOwner || one.exclusive() || other.exclusive())) {
                    failure.compareAndSet(null, "listing holds " + one + " and " + other);
                }
            }
        }
    }

    private static boolean adjoin(LockRange a, LockRange b) {
        return (!a.reachesEnd() && a.last() + 1 == b.offset()) || (!b.reachesEnd() && b.last() + 1 == a.offset());
    }

    /** What each owner knows it holds on one file, cell by cell. */
    private final class Shadow {

        private final List<Map<Integer, Boolean>> cells = new ArrayList<>();

        Shadow() {
            for (int i = 0; i < CELLS; i++) {
                cells.add(new HashMap<>());
            }
        }

        synchronized void acquire(int owner, int first, int last, boolean exclusive) {
            for (int cell = first; cell <= last; cell++) {
                for (Map.Entry<Integer, Boolean> holder : cells.get(cell).entrySet()) {
                    if (holder.getKey() != owner && (exclusive || holder.getValue())) {
                        failure.compareAndSet(null, "owner " + owner + (exclusive ? " exclusive" : " shared")
                                + " and owner " + holder.getKey() + (holder.getValue() ? " exclusive" : " shared")
                                + " both hold byte " + cell);
                    }
                }
                cells.get(cell).put(owner, exclusive);
            }
        }

        /** Before a shared request: the owner's exclusive cells there are at least shared after it. */
        synchronized void weaken(int owner, int first, int last) {
            for (int cell = first; cell <= last; cell++) {
                cells.get(cell).computeIfPresent(owner, (o, exclusive) -> false);
            }
        }

        synchronized void release(int owner, int first, int last) {
            for (int cell = first; cell <= last; cell++) {
                cells.get(cell).remove(owner);
            }
        }

        synchronized void releaseAll(int owner) {
            release(owner, 0, CELLS - 1);
        }
    }
}

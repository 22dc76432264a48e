package io.manticore.core.internal.lease;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

import io.manticore.api.lease.Lease;
import io.manticore.api.lease.LeaseBreaker;
import io.manticore.api.lease.LeaseInfo;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.ShareMode;
import io.manticore.api.vfs.FileHandle;

public class CachingLeaseTest {

    private static final FileHandle FILE = CoreLeaseManagerTest.handle(1);
    private static final LeaseState R = new LeaseState(LeaseState.READ);
    private static final LeaseState RH = new LeaseState(LeaseState.READ | LeaseState.HANDLE);
    private static final LeaseState RW = new LeaseState(LeaseState.READ | LeaseState.WRITE);
    private static final LeaseState RWH = new LeaseState(LeaseState.READ | LeaseState.WRITE | LeaseState.HANDLE);
    private static final LockOwner SMB_KEY = LockOwner.of("smb", "client-guid-1", new byte[] {1});
    private static final LockOwner OTHER_SMB_KEY = LockOwner.of("smb", "client-guid-2", new byte[] {2});
    private static final LockOwner NFS4_CLIENT = LockOwner.of("nfs4", "client-7", new byte[] {7});

    /** A breaker that records what it was asked. */
    private static final class Recorder implements LeaseBreaker {
        final List<String> asked = new ArrayList<>();

        @Override
        public void breakLease(Lease lease, LeaseState to) {
            asked.add(lease.key().clientId() + " " + lease.state() + "->" + to);
        }
    }

    private final Recorder breaker = new Recorder();
    private CoreLeaseManager leases = new CoreLeaseManager();

    @After
    public void close() {
        leases.close();
        assertTrue(leases.isIdle());
    }

    @Test
    public void aSoleKeyGetsEveryRightAndAnotherKeyGetsNothingBesideAWriter() {
        Lease writer = leases.acquireLease(FILE, SMB_KEY, RWH, breaker);
        assertEquals(RWH, writer.state());
        Lease reader = leases.acquireLease(FILE, NFS4_CLIENT, R, breaker);
        assertEquals(LeaseState.NONE, reader.state());
        assertEquals("a NONE lease is not kept", 1, leases.leases().size());
        assertEquals(List.of(), breaker.asked);
    }

    @Test
    public void readersShareAndNoneOfThemGetsWrite() {
        assertEquals(R, leases.acquireLease(FILE, NFS4_CLIENT, R, breaker).state());
        assertEquals("W is refused beside another key's lease", RH, leases.acquireLease(FILE, SMB_KEY, RWH, breaker).state());
        assertEquals(2, leases.leases().size());
    }

    @Test
    public void anotherClientsOpenThatReadsOrWritesRulesOutWrite() {
        assertTrue(leases.share(FILE, LockOwner.of("nfs4", "client-9", new byte[] {1}), new ShareMode(ShareMode.READ, 0)).isGranted());
        assertEquals(RH, leases.acquireLease(FILE, SMB_KEY, RWH, breaker).state());
        leases.releaseClient("nfs4", "client-9");
        assertTrue("an open of the key's own client does not count",
                leases.share(FILE, LockOwner.of("smb", "client-guid-1", new byte[] {5}), new ShareMode(ShareMode.WRITE, 0)).isGranted());
        assertEquals(RWH, leases.acquireLease(FILE, SMB_KEY, RWH, breaker).state());
    }

    @Test
    public void aKeyAskingAgainIsWidenedNeverNarrowed() {
        Lease first = leases.acquireLease(FILE, SMB_KEY, R, breaker);
        Lease again = leases.acquireLease(FILE, SMB_KEY, RWH, breaker);
        assertSame(first, again);
        assertEquals(RWH, again.state());
        assertEquals(RWH, leases.acquireLease(FILE, SMB_KEY, R, breaker).state());
    }

    @Test
    public void aWriteBreaksOtherLeasesAndWaitsForTheirAcknowledgement() {
        Lease held = leases.acquireLease(FILE, SMB_KEY, RWH, breaker);
        CompletionStage<Void> write = leases.breakLeases(FILE, null, LeaseState.NONE);
        assertEquals(List.of("client-guid-1 RWH->none"), breaker.asked);
        assertFalse("the write waits for the flush", write.toCompletableFuture().isDone());
        assertEquals(LeaseState.NONE, held.breakingTo());
        assertEquals(List.of(new LeaseInfo(FILE, SMB_KEY, RWH, LeaseState.NONE)), leases.leases());

        assertFalse("more than the break asks is refused", held.acknowledge(R));
        assertTrue(held.acknowledge(LeaseState.NONE));
        assertTrue(write.toCompletableFuture().isDone());
        assertEquals(List.of(), leases.leases());
        assertFalse("a late answer finds nothing", held.acknowledge(LeaseState.NONE));
    }

    @Test
    public void aBreakSparesTheRequestersOwnLeaseAndWhatTheAccessAllows() {
        Lease mine = leases.acquireLease(FILE, SMB_KEY, RH, breaker);
        Lease theirs = leases.acquireLease(FILE, OTHER_SMB_KEY, RH, breaker);
        assertTrue("an opener that keeps R and H breaks nothing",
                leases.breakLeases(FILE, SMB_KEY, RH).toCompletableFuture().isDone());
        CompletionStage<Void> rename = leases.breakLeases(FILE, SMB_KEY, R);
        assertEquals(List.of("client-guid-2 RH->R"), breaker.asked);
        assertTrue(theirs.acknowledge(R));
        assertTrue(rename.toCompletableFuture().isDone());
        assertEquals(RH, mine.state());
        assertEquals(R, theirs.state());
    }

    @Test
    public void aSecondBreakDuringTheFirstNarrowsItAndWaitsForTheSameAnswer() {
        Lease held = leases.acquireLease(FILE, SMB_KEY, RWH, breaker);
        CompletionStage<Void> open = leases.breakLeases(FILE, null, RH);
        CompletionStage<Void> write = leases.breakLeases(FILE, null, LeaseState.NONE);
        assertEquals(List.of("client-guid-1 RWH->RH", "client-guid-1 RWH->none"), breaker.asked);
        assertEquals(LeaseState.NONE, held.breakingTo());
        assertEquals("no grant while a break is in progress", LeaseState.NONE,
                leases.acquireLease(FILE, NFS4_CLIENT, R, breaker).state());
        held.release();
        assertTrue(open.toCompletableFuture().isDone());
        assertTrue(write.toCompletableFuture().isDone());
        assertNull(held.breakingTo());
    }

    @Test
    public void aBreakNotAcknowledgedInTimeRevokesTheLease() throws Exception {
        leases = new CoreLeaseManager(LockLimits.DEFAULTS, Duration.ofMillis(100));
        Lease held = leases.acquireLease(FILE, NFS4_CLIENT, RW, breaker);
        CompletableFuture<Void> write = leases.breakLeases(FILE, null, LeaseState.NONE).toCompletableFuture();
        write.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), leases.leases());
        assertEquals(LeaseState.NONE, held.state());
        assertFalse(held.acknowledge(LeaseState.NONE));
        assertEquals("the next client can have it", RW, leases.acquireLease(FILE, SMB_KEY, RW, breaker).state());
    }

    @Test
    public void releasingAClientDropsItsLeasesAndEndsTheirBreaks() {
        leases.acquireLease(FILE, SMB_KEY, RWH, breaker);
        leases.acquireLease(CoreLeaseManagerTest.handle(2), SMB_KEY, R, breaker);
        CompletionStage<Void> write = leases.breakLeases(FILE, null, LeaseState.NONE);
        assertEquals(2, leases.clientCount("smb", "client-guid-1"));
        assertEquals(2, leases.releaseClient("smb", "client-guid-1"));
        assertTrue(write.toCompletableFuture().isDone());
        assertEquals(0, leases.clientCount("smb", "client-guid-1"));
    }

    @Test
    public void leasesCountAgainstTheClientsBound() {
        leases = new CoreLeaseManager(new LockLimits(1, 10));
        assertEquals(R, leases.acquireLease(FILE, SMB_KEY, R, breaker).state());
        assertEquals(LeaseState.NONE, leases.acquireLease(CoreLeaseManagerTest.handle(2), SMB_KEY, R, breaker).state());
    }

    @Test
    public void leaseStatesNeedReadForWriteAndHandle() {
        assertEquals("RWH", RWH.toString());
        assertEquals("none", LeaseState.NONE.toString());
        assertEquals(R, RWH.intersect(new LeaseState(LeaseState.READ)));
        assertEquals(LeaseState.NONE, RWH.intersect(LeaseState.NONE));
        try {
            new LeaseState(LeaseState.WRITE);
            throw new AssertionError("W without R was accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("need R"));
        }
    }
}

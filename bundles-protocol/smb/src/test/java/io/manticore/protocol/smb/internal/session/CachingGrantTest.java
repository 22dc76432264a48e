package io.manticore.protocol.smb.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.cred.Cred;
import io.manticore.api.lease.Lease;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.WriteResult;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.Unpooled;

/** SMB oplocks and leases in core's real lease manager, broken by writes that come through the VFS from any protocol. */
public class CachingGrantTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final TestVfs fs = new TestVfs();
    private final FileHandle file = fs.write(Cred.ROOT, "/mem/cached.bin", new byte[] {1, 2, 3});
    private final LockOwner key = LockOwner.of("smb", "client-guid", new byte[] {7});
    private final List<String> notices = new ArrayList<>();
    private final CachingGrant.BreakNotifier notifier =
            (grant, from, to, ackRequired) -> notices.add(from + ">" + to + (ackRequired ? " ack" : ""));

    @After
    public void tearDown() {
        fs.close();
    }

    @Test
    public void aWriteWithoutALeaseKeyBreaksABatchOplockToNothingAndWaitsForTheAcknowledgement() {
        Lease lease = grant(CachingGrant.oplock(key, file, notifier), Caching.ofOplock(Caching.OPLOCK_BATCH));
        assertEquals(Caching.OPLOCK_BATCH, Caching.oplockOf(lease.state()));

        CompletionStage<WriteResult> write = write(Cred.ROOT);
        assertEquals(List.of("RWH>none ack"), notices);
        assertFalse("the write waits for the holder to flush", write.toCompletableFuture().isDone());

        assertTrue(lease.acknowledge(LeaseState.NONE));
        assertEquals(1, TestVfs.await(write).count());
        assertTrue(lease.state().isNone());
    }

    @Test
    public void theHoldersOwnWriteBreaksNothing() {
        Lease lease = grant(CachingGrant.oplock(key, file, notifier), Caching.ofOplock(Caching.OPLOCK_EXCLUSIVE));
        TestVfs.await(write(Cred.ROOT.withLeaseKey(key)));
        assertEquals(List.of(), notices);
        assertEquals(Caching.OPLOCK_EXCLUSIVE, Caching.oplockOf(lease.state()));
    }

    @Test
    public void aLevelTwoOplockIsBrokenWithoutWaitingForAnAnswer() {
        Lease lease = grant(CachingGrant.oplock(key, file, notifier), Caching.ofOplock(Caching.OPLOCK_LEVEL_II));
        TestVfs.await(write(Cred.ROOT));
        assertEquals(List.of("R>none"), notices);
        assertTrue(lease.state().isNone());
    }

    @Test
    public void aLeaseSharedByTwoOpensIsReleasedWithTheLastAndNotBefore() {
        LeaseGrants registry = new LeaseGrants();
        byte[] leaseKey = new byte[16];
        CachingGrant first = registry.join(key, () -> CachingGrant.lease(key, file, leaseKey, 2, notifier, registry));
        CachingGrant second = registry.join(key, () -> CachingGrant.lease(key, file, leaseKey, 2, notifier, registry));
        assertSame(first, second);
        Lease lease = grant(first, Caching.ofLease(Caching.LEASE_READ | Caching.LEASE_HANDLE));
        assertEquals(Caching.LEASE_READ | Caching.LEASE_HANDLE, Caching.leaseOf(lease.state()));

        first.closed();
        assertSame("still held by the second open", first, registry.find(key));
        assertFalse(lease.state().isNone());
        second.closed();
        assertTrue(lease.state().isNone());
        assertEquals(null, registry.find(key));
    }

    @Test
    public void aLeaseBreakRaisesTheEpochOfAVersionTwoLease() {
        CachingGrant grant = CachingGrant.lease(key, file, new byte[16], 2, notifier, new LeaseGrants());
        Lease lease = grant(grant, Caching.ofLease(Caching.LEASE_READ | Caching.LEASE_WRITE));
        CompletionStage<WriteResult> write = write(Cred.ROOT);
        assertEquals(1, grant.epoch());
        assertEquals(List.of("RW>none ack"), notices);
        assertTrue(lease.acknowledge(LeaseState.NONE));
        TestVfs.await(write);
    }

    private Lease grant(CachingGrant grant, LeaseState wanted) {
        Lease lease = fs.leases().acquireLease(file, grant.key(), wanted, grant);
        grant.lease(lease);
        return lease;
    }

    private CompletionStage<WriteResult> write(Cred cred) {
        return fs.vfs().write(cred, file, 0, Unpooled.wrappedBuffer(new byte[] {9}), Stability.FILE_SYNC);
    }
}

package io.manticore.core.internal.lease;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.After;
import org.junit.Test;

import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.api.lease.LockStatus;
import io.manticore.api.lease.ShareInfo;
import io.manticore.api.lease.ShareMode;
import io.manticore.api.lease.ShareResult;
import io.manticore.api.vfs.FileHandle;

public class ShareReservationTest {

    private static final FileHandle FILE = CoreLeaseManagerTest.handle(1);
    private static final FileHandle OTHER_FILE = CoreLeaseManagerTest.handle(2);
    private static final int R = ShareMode.READ;
    private static final int W = ShareMode.WRITE;
    private static final int D = ShareMode.DELETE;
    private static final LockOwner SMB_OPEN_1 = LockOwner.of("smb", "10.0.0.1", new byte[] {1});
    private static final LockOwner SMB_OPEN_2 = LockOwner.of("smb", "10.0.0.1", new byte[] {2});
    private static final LockOwner NFS4_OWNER = LockOwner.of("nfs4", "client-7", new byte[] {9});

    private CoreLeaseManager leases = new CoreLeaseManager();

    @After
    public void close() {
        leases.close();
        assertTrue(leases.isIdle());
    }

    @Test
    public void aReservationIsDeniedWhenItDoesWhatAnotherDeniesOrDeniesWhatAnotherDoes() {
        assertTrue(leases.share(FILE, SMB_OPEN_1, new ShareMode(R, W)).isGranted());

        ShareResult writer = leases.share(FILE, NFS4_OWNER, new ShareMode(R | W, 0));
        assertEquals(LockStatus.DENIED, writer.status());
        assertEquals(new ShareInfo(FILE, SMB_OPEN_1, new ShareMode(R, W)), writer.conflict());

        ShareResult denyRead = leases.share(FILE, NFS4_OWNER, new ShareMode(0, R));
        assertEquals("it denies the reading the first one does", LockStatus.DENIED, denyRead.status());

        assertTrue("reading alongside is fine", leases.share(FILE, NFS4_OWNER, new ShareMode(R, 0)).isGranted());
        assertTrue("another file is another matter", leases.share(OTHER_FILE, SMB_OPEN_2, new ShareMode(R | W | D, R | W | D)).isGranted());
    }

    @Test
    public void twoOpensOfOneClientAreTwoOwnersAndConflict() {
        assertTrue(leases.share(FILE, SMB_OPEN_1, new ShareMode(R | W, R | W | D)).isGranted());
        assertEquals(LockStatus.DENIED, leases.share(FILE, SMB_OPEN_2, new ShareMode(R, 0)).status());
        assertTrue("no access at all conflicts with nothing", leases.share(FILE, SMB_OPEN_2, new ShareMode(0, 0)).isGranted());
    }

    @Test
    public void anOwnersNewReservationReplacesItsOldOneUnlessAnotherConflicts() {
        assertTrue(leases.share(FILE, NFS4_OWNER, new ShareMode(R, 0)).isGranted());
        assertTrue(leases.share(FILE, SMB_OPEN_1, new ShareMode(R, 0)).isGranted());

        ShareMode upgraded = new ShareMode(R, 0).union(new ShareMode(W, 0));
        assertTrue(leases.share(FILE, NFS4_OWNER, upgraded).isGranted());
        assertEquals("one reservation per owner and file", 2, leases.shares().size());
        assertTrue(leases.shares().contains(new ShareInfo(FILE, NFS4_OWNER, new ShareMode(R | W, 0))));

        assertEquals(LockStatus.DENIED, leases.share(FILE, NFS4_OWNER, new ShareMode(R | W, R)).status());
        assertTrue("a refused change leaves the old reservation",
                leases.shares().contains(new ShareInfo(FILE, NFS4_OWNER, new ShareMode(R | W, 0))));

        assertTrue("a downgrade", leases.share(FILE, NFS4_OWNER, new ShareMode(R, 0)).isGranted());
        assertTrue(leases.shares().contains(new ShareInfo(FILE, NFS4_OWNER, new ShareMode(R, 0))));
    }

    @Test
    public void unshareFreesTheModeForOthersAndSaysWhetherThereWasOne() {
        assertTrue(leases.share(FILE, SMB_OPEN_1, new ShareMode(R, R | W | D)).isGranted());
        assertEquals(LockStatus.DENIED, leases.share(FILE, SMB_OPEN_2, new ShareMode(R, 0)).status());
        assertTrue(leases.unshare(FILE, SMB_OPEN_1));
        assertFalse(leases.unshare(FILE, SMB_OPEN_1));
        assertTrue(leases.share(FILE, SMB_OPEN_2, new ShareMode(R, 0)).isGranted());
        assertTrue(leases.unshare(FILE, SMB_OPEN_2));
        assertEquals(List.of(), leases.shares());
    }

    @Test
    public void releasingAClientDropsItsReservationsAndLocksAndCountsThem() {
        assertTrue(leases.share(FILE, SMB_OPEN_1, new ShareMode(R, W)).isGranted());
        assertTrue(leases.share(OTHER_FILE, SMB_OPEN_2, new ShareMode(R, W)).isGranted());
        assertTrue(leases.share(FILE, NFS4_OWNER, new ShareMode(R, 0)).isGranted());
        assertEquals(LockStatus.GRANTED, leases.lock(FILE, SMB_OPEN_1, new LockRange(0, 10), true, false).status());
        assertEquals(3, leases.clientCount("smb", "10.0.0.1"));

        assertEquals(3, leases.releaseClient("smb", "10.0.0.1"));
        assertEquals(0, leases.clientCount("smb", "10.0.0.1"));
        assertEquals(List.of(new ShareInfo(FILE, NFS4_OWNER, new ShareMode(R, 0))), leases.shares());
        assertEquals(1, leases.releaseOwner(NFS4_OWNER));
    }

    @Test
    public void reservationsCountAgainstTheClientsBound() {
        leases = new CoreLeaseManager(new LockLimits(2, 10));
        assertTrue(leases.share(FILE, SMB_OPEN_1, new ShareMode(R, 0)).isGranted());
        assertTrue(leases.share(OTHER_FILE, SMB_OPEN_1, new ShareMode(R, 0)).isGranted());
        assertEquals(LockStatus.NO_LOCKS, leases.share(CoreLeaseManagerTest.handle(3), SMB_OPEN_2, new ShareMode(R, 0)).status());
        assertTrue("a change to a held one adds nothing", leases.share(FILE, SMB_OPEN_1, new ShareMode(R | W, 0)).isGranted());
    }

    @Test
    public void shareModeBitsAreCheckedAndPrinted() {
        assertEquals("access=rw- deny=--d", new ShareMode(R | W, D).toString());
        try {
            new ShareMode(8, 0);
            throw new AssertionError("a bit out of range was accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("out of range"));
        }
    }
}

package io.manticore.shell.internal.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.admin.MountInfo;
import io.manticore.api.lease.LeaseInfo;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.api.lease.ShareInfo;
import io.manticore.api.lease.ShareMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;

public class LocksCommandTest {

    private static final MountId MEM = MountId.forName("mem");
    private static final MountId GONE = MountId.forName("gone");

    @Rule
    public final CapturedOutput output = new CapturedOutput();

    private final FixedLeaseManager leases = new FixedLeaseManager();
    private final FixedMountAdmin admin = new FixedMountAdmin();
    private final FileHandle notes = memfsFile(2, 1);
    private final FileHandle log = memfsFile(3, 1);

    @Before
    public void fill() {
        admin.mounts.add(new MountInfo("mem", "memfs", "/", MEM.toString(), "ACTIVE", Set.of(), 0, 0, ""));
    }

    @Test
    public void locksPrintsHeldAndWaitingLocksWithTheirMountOwnerRangeAndType() {
        LockOwner first = LockOwner.of("nlm", "host-a", new byte[] {0, 0, 0, 7, 'a', 'b'});
        LockOwner second = LockOwner.of("nlm", "host-b", new byte[] {0, 0, 0, 9});
        LockOwner longOwner = LockOwner.of("nfs4", "client-1", counting(20));
        leases.locks.add(new LockInfo(notes, first, new LockRange(0, 100), true, false));
        leases.locks.add(new LockInfo(notes, second, LockRange.between(50, 149), true, true));
        leases.locks.add(new LockInfo(log, longOwner, LockRange.toEnd(4096), false, false));

        List<LockInfo> result = new LocksCommand(leases, admin).locks();

        assertEquals(""
                + "FILE                          PROTOCOL  CLIENT    OWNER                               RANGE        TYPE   STATE\n"
                + "----                          --------  ------    -----                               -----        ----   -----\n"
                + "mem:000000000000000200000001  nlm       host-a    000000076162                        [0..99]      write  held\n"
                + "mem:000000000000000200000001  nlm       host-b    00000009                            [50..149]    write  waiting\n"
                + "mem:000000000000000300000001  nfs4      client-1  0001020304050607..0c0d0e0f10111213  [4096..EOF]  read   held\n",
                output.text());
        assertEquals(leases.locks, result);
    }

    @Test
    public void shareReservationsAndLeasesFollowTheLocksAsWholeFileRows() {
        leases.locks.add(new LockInfo(notes, LockOwner.of("nlm", "host-a", new byte[] {7}), new LockRange(0, 10), false, false));
        leases.shares.add(new ShareInfo(log, LockOwner.of("smb", "10.0.0.7", new byte[] {1, 2}),
                new ShareMode(ShareMode.READ | ShareMode.WRITE, ShareMode.WRITE | ShareMode.DELETE)));

        leases.leases.add(new LeaseInfo(notes, LockOwner.of("nfs4", "client-1", new byte[] {3}),
                new LeaseState(LeaseState.READ | LeaseState.WRITE), LeaseState.NONE));

        List<LockInfo> result = new LocksCommand(leases, admin).locks();

        assertEquals(""
                + "FILE                          PROTOCOL  CLIENT    OWNER  RANGE       TYPE                       STATE\n"
                + "----                          --------  ------    -----  -----       ----                       -----\n"
                + "mem:000000000000000200000001  nlm       host-a    07     [0..9]      read                       held\n"
                + "mem:000000000000000300000001  smb       10.0.0.7  0102   whole file  share access=rw- deny=-wd  held\n"
                + "mem:000000000000000200000001  nfs4      client-1  03     whole file  lease RW                   breaking to none\n",
                output.text());
        assertEquals("the result lists the locks", leases.locks, result);
    }

    @Test
    public void aFileOfAMountNotInTheTableShowsTheMountIdWithOrWithoutMountAdmin() {
        assertEquals("0b5163c7-7459-3b58-a38a-1b0cec914d2f", GONE.toString());
        leases.locks.add(new LockInfo(FileHandle.of(GONE, new byte[] {1, 2}), LockOwner.of("smb", "10.0.0.7", new byte[0]),
                LockRange.WHOLE_FILE, false, false));
        String table = ""
                + "FILE                                       PROTOCOL  CLIENT    OWNER  RANGE     TYPE  STATE\n"
                + "----                                       --------  ------    -----  -----     ----  -----\n"
                + "0b5163c7-7459-3b58-a38a-1b0cec914d2f:0102  smb       10.0.0.7  -      [0..EOF]  read  held\n";

        new LocksCommand(leases, admin).locks();
        new LocksCommand(leases, null).locks();

        assertEquals(table + table, output.text());
    }

    @Test
    public void noLocksPrintsTheHeaderOnly() {
        assertEquals(List.of(), new LocksCommand(leases, admin).locks());
        assertEquals(""
                + "FILE  PROTOCOL  CLIENT  OWNER  RANGE  TYPE  STATE\n"
                + "----  --------  ------  -----  -----  ----  -----\n", output.text());
    }

    @Test
    public void locksSaysCoreIsNotRunningWhenTheLeaseManagerIsAbsent() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LocksCommand(null, admin).locks());

        assertEquals("core is not running", e.getMessage());
        assertEquals("", output.text());
    }

    /** A memfs-style handle on the mount "mem": inode number (8 bytes) and generation (4 bytes). */
    private static FileHandle memfsFile(long inode, int generation) {
        return FileHandle.of(MEM, ByteBuffer.allocate(12).putLong(inode).putInt(generation).array());
    }

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}

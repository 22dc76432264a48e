package io.manticore.core.internal.vfs;

import static io.manticore.core.internal.vfs.VfsFixture.ALICE;
import static io.manticore.core.internal.vfs.VfsFixture.BOB;
import static io.manticore.core.internal.vfs.VfsFixture.ROOT;
import static io.manticore.core.internal.vfs.VfsFixture.buffer;
import static io.manticore.core.internal.vfs.VfsFixture.bytes;
import static io.manticore.core.internal.vfs.VfsFixture.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.lease.Lease;
import io.manticore.api.lease.LeaseBreaker;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.WriteResult;
import io.manticore.testkit.LeakCheck;
import io.manticore.vfs.memfs.internal.MemfsModule;

/** Core's VFS breaks the caching leases of other keys before an access from any caller. */
public class LeaseBreaksTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final LeaseState RWH = new LeaseState(LeaseState.READ | LeaseState.WRITE | LeaseState.HANDLE);
    private static final LockOwner SMB_KEY = LockOwner.of("smb", "client-1", new byte[] {1});

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final LeaseBreaker breaker = (lease, to) -> asked.add(lease.state() + "->" + to);
    private VfsFixture fx;
    private FileHandle root;
    private FileHandle file;

    @Before
    public void mountMemfs() {
        fx = new VfsFixture();
        fx.bind(new MemfsModule());
        fx.mount("mem", VfsFixture.memfs("memfs"));
        root = fx.root("mem");
        join(fx.vfs.setattr(ROOT, root, SetAttrs.mode(0777), Guard.NONE));
        file = fx.createFile(ALICE, root, "cached", bytes("old"));
        join(fx.vfs.setattr(ALICE, file, SetAttrs.mode(0666), Guard.NONE));
    }

    @After
    public void close() {
        fx.close();
    }

    @Test
    public void aWriteWaitsUntilTheHolderHasFlushedAndGivenUpItsLease() {
        Lease lease = fx.leases.acquireLease(file, SMB_KEY, RWH, breaker);
        CompletableFuture<WriteResult> write = fx.vfs.write(BOB, file, 0, buffer(bytes("new")), Stability.FILE_SYNC)
                .toCompletableFuture();
        assertEquals(List.of("RWH->none"), asked);
        assertFalse("the write waits for the holder", write.isDone());
        assertTrue(lease.acknowledge(LeaseState.NONE));
        join(write);
        assertArrayEquals(bytes("new"), fx.read(ALICE, file, 3));
    }

    @Test
    public void theHoldersOwnAccessBreaksNothingAndAReadTakesOnlyW() {
        Lease lease = fx.leases.acquireLease(file, SMB_KEY, RWH, breaker);
        join(fx.vfs.write(ALICE.withLeaseKey(SMB_KEY), file, 0, buffer(bytes("own")), Stability.UNSTABLE));
        assertEquals(List.of(), asked);

        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> fx.read(BOB, file, 3));
        while (asked.isEmpty()) {
            Thread.onSpinWait();
        }
        assertEquals(List.of("RWH->RH"), asked);
        assertTrue(lease.acknowledge(new LeaseState(LeaseState.READ | LeaseState.HANDLE)));
        assertArrayEquals(bytes("own"), read.join());
        assertEquals(new LeaseState(LeaseState.READ | LeaseState.HANDLE), lease.state());
    }

    @Test
    public void removingOrRenamingTheFileTakesTheHandleLease() {
        Lease lease = fx.leases.acquireLease(file, SMB_KEY, new LeaseState(LeaseState.READ | LeaseState.HANDLE), breaker);
        CompletableFuture<?> rename = fx.vfs.rename(BOB, root, "cached", root, "moved").toCompletableFuture();
        assertEquals(List.of("RH->R"), asked);
        assertFalse(rename.isDone());
        assertTrue(lease.acknowledge(new LeaseState(LeaseState.READ)));
        join(rename);

        CompletableFuture<?> remove = fx.vfs.remove(BOB, root, "moved").toCompletableFuture();
        assertTrue("R alone is not broken by a removal", remove.isDone());
        join(remove);
    }

    @Test
    public void truncatingThroughSetattrBreaksLikeAWrite() {
        Lease lease = fx.leases.acquireLease(file, SMB_KEY, RWH, breaker);
        CompletableFuture<?> truncate = fx.vfs.setattr(BOB, file, SetAttrs.NONE.withSize(0), Guard.NONE).toCompletableFuture();
        assertEquals(List.of("RWH->none"), asked);
        lease.release();
        join(truncate);
        assertEquals(0, join(fx.vfs.getattr(ROOT, file, AttrMask.ALL)).size());

        fx.leases.acquireLease(file, SMB_KEY, RWH, breaker);
        join(fx.vfs.setattr(ALICE, file, SetAttrs.mode(0644), Guard.NONE));
        assertEquals("a mode change breaks nothing", 1, asked.size());
    }
}

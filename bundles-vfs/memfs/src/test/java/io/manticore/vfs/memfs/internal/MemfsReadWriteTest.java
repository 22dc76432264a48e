package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.BLOCK;
import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.assertFails;
import static io.manticore.vfs.memfs.internal.MemfsFixture.buffer;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static io.manticore.vfs.memfs.internal.MemfsFixture.pattern;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Committed;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.WriteResult;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsReadWriteTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();

    @After
    public void unmount() {
        fx.close();
        fx = null;
    }

    @Test
    public void whatIsWrittenIsReadBackByteForByte() {
        FileHandle file = fx.createFile(fx.root, "f", "hello, memfs".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertArrayEquals("hello, memfs".getBytes(java.nio.charset.StandardCharsets.US_ASCII), fx.readAll(file));
        assertArrayEquals("memfs".getBytes(java.nio.charset.StandardCharsets.US_ASCII), fx.read(file, 7, 100));
    }

    @Test
    public void writesAndReadsAcrossManyBlocksMatchAtEveryWindow() {
        FileHandle file = fx.createFile(fx.root, "f");
        byte[] expected = new byte[5 * BLOCK + 123];
        byte[] first = pattern(3 * BLOCK + 17, 1);
        byte[] second = pattern(2 * BLOCK + 50, 2);
        System.arraycopy(first, 0, expected, 1000, first.length);
        System.arraycopy(second, 0, expected, 5 * BLOCK + 123 - second.length, second.length);
        fx.write(file, 1000, first);
        fx.write(file, 5L * BLOCK + 123 - second.length, second);
        assertEquals(expected.length, fx.attrs(file).size());
        assertArrayEquals(expected, fx.readAll(file));
        int[][] windows = {{0, 1}, {BLOCK - 1, 2}, {BLOCK, BLOCK}, {7, 3 * BLOCK}, {2 * BLOCK + 9, 2 * BLOCK + 1}};
        for (int[] w : windows) {
            assertArrayEquals("window at " + w[0], Arrays.copyOfRange(expected, w[0], w[0] + w[1]),
                    fx.read(file, w[0], w[1]));
        }
    }

    @Test
    public void aReadInsideOneBlockIsOneSliceAndAcrossBlocksAComposite() {
        FileHandle file = fx.createFile(fx.root, "f", pattern(3 * BLOCK, 5));
        OpenFile open = fx.open(file);
        ReadResult inside = join(fx.mount.read(USER, open, BLOCK + 10, 100));
        ReadResult across = join(fx.mount.read(USER, open, BLOCK - 10, BLOCK + 20));
        try {
            assertFalse(inside.data() instanceof CompositeByteBuf);
            assertEquals(100, inside.data().readableBytes());
            assertTrue(across.data() instanceof CompositeByteBuf);
            assertEquals(3, ((CompositeByteBuf) across.data()).numComponents());
            assertArrayEquals(Arrays.copyOfRange(pattern(3 * BLOCK, 5), BLOCK - 10, 2 * BLOCK + 10),
                    ByteBufUtil.getBytes(across.data()));
        } finally {
            inside.data().release();
            across.data().release();
            join(fx.mount.close(open));
        }
    }

    @Test
    public void holesReadAsZerosAndTakeNoSpace() {
        FileHandle file = fx.createFile(fx.root, "f");
        fx.write(file, 3L * BLOCK + 5, new byte[] {7});
        byte[] expected = new byte[3 * BLOCK + 6];
        expected[3 * BLOCK + 5] = 7;
        assertArrayEquals(expected, fx.readAll(file));
        assertArrayEquals(new byte[BLOCK], fx.read(file, BLOCK, BLOCK));
        assertArrayEquals(new byte[10], fx.read(file, 100, 10));
        assertEquals(BLOCK, fx.attrs(file).spaceUsed());
    }

    @Test
    public void aPartialWriteIntoANewBlockReadsZerosAroundItEvenOnReusedMemory() {
        for (int round = 0; round < 20; round++) {
            FileHandle used = fx.createFile(fx.root, "used" + round, pattern(4 * BLOCK, 9));
            fx.readAll(used);
        }
        for (int round = 0; round < 20; round++) {
            MemfsFixture.join(fx.mount.remove(MemfsFixture.USER, fx.root, "used" + round));
        }
        FileHandle file = fx.createFile(fx.root, "f");
        fx.write(file, BLOCK + 100, new byte[] {1, 2, 3});
        fx.write(file, 3L * BLOCK - 2, new byte[] {4, 5, 6, 7});
        byte[] expected = new byte[3 * BLOCK + 2];
        expected[BLOCK + 100] = 1;
        expected[BLOCK + 101] = 2;
        expected[BLOCK + 102] = 3;
        expected[3 * BLOCK - 2] = 4;
        expected[3 * BLOCK - 1] = 5;
        expected[3 * BLOCK] = 6;
        expected[3 * BLOCK + 1] = 7;
        assertArrayEquals(expected, fx.readAll(file));
    }

    @Test
    public void eofIsReportedAtTheEndAndAReadPastItIsEmpty() {
        FileHandle file = fx.createFile(fx.root, "f", pattern(1000, 1));
        OpenFile open = fx.open(file);
        try {
            ReadResult middle = join(fx.mount.read(USER, open, 0, 500));
            ReadResult toEnd = join(fx.mount.read(USER, open, 500, 500));
            ReadResult beyond = join(fx.mount.read(USER, open, 5000, 10));
            ReadResult clipped = join(fx.mount.read(USER, open, 990, 100));
            assertFalse(middle.eof());
            assertTrue(toEnd.eof());
            assertTrue(beyond.eof());
            assertEquals(0, beyond.data().readableBytes());
            assertTrue(clipped.eof());
            assertEquals(10, clipped.data().readableBytes());
            assertEquals(1000, clipped.attrs().size());
            for (ReadResult r : new ReadResult[] {middle, toEnd, beyond, clipped}) {
                r.data().release();
            }
            assertFails(VfsError.INVAL, fx.mount.read(USER, open, -1, 10));
        } finally {
            join(fx.mount.close(open));
        }
    }

    @Test
    public void readsShareTheBlocksMemoryWithoutCopying() {
        FileHandle file = fx.createFile(fx.root, "f", pattern(BLOCK, 3));
        OpenFile open = fx.open(file);
        ReadResult a = join(fx.mount.read(USER, open, 0, 100));
        ReadResult b = join(fx.mount.read(USER, open, 50, 100));
        try {
            assertTrue(a.data().hasMemoryAddress());
            assertEquals(a.data().memoryAddress() + 50, b.data().memoryAddress());
        } finally {
            a.data().release();
            b.data().release();
        }
        long address = addressOfFirstByte(open);
        fx.write(file, 10, new byte[] {1, 2, 3});
        assertEquals("a block no reader holds is written in place", address, addressOfFirstByte(open));
        join(fx.mount.close(open));
    }

    private long addressOfFirstByte(OpenFile open) {
        ReadResult r = join(fx.mount.read(USER, open, 0, 1));
        try {
            return r.data().memoryAddress();
        } finally {
            r.data().release();
        }
    }

    @Test
    public void aReadBufferKeepsItsContentWhenALaterWriteOverlapsIt() {
        byte[] original = pattern(2 * BLOCK, 1);
        FileHandle file = fx.createFile(fx.root, "f", original);
        OpenFile open = fx.open(file);
        ReadResult held = join(fx.mount.read(USER, open, BLOCK - 100, 200));
        ReadResult heldInside = join(fx.mount.read(USER, open, 10, 20));
        byte[] overwrite = pattern(BLOCK + 300, 9);
        join(fx.mount.write(USER, open, 0, buffer(overwrite), Stability.FILE_SYNC));
        try {
            assertArrayEquals(Arrays.copyOfRange(original, BLOCK - 100, BLOCK + 100), ByteBufUtil.getBytes(held.data()));
            assertArrayEquals(Arrays.copyOfRange(original, 10, 30), ByteBufUtil.getBytes(heldInside.data()));
            byte[] expected = original.clone();
            System.arraycopy(overwrite, 0, expected, 0, overwrite.length);
            assertArrayEquals(expected, fx.readAll(file));
            ReadResult fresh = join(fx.mount.read(USER, open, 10, 20));
            assertNotEquals(heldInside.data().memoryAddress(), fresh.data().memoryAddress());
            fresh.data().release();
        } finally {
            held.data().release();
            heldInside.data().release();
            join(fx.mount.close(open));
        }
        assertEquals(2L * BLOCK, fx.attrs(file).spaceUsed());
    }

    @Test
    public void writeReleasesItsDataOnSuccessAndOnFailure() {
        FileHandle file = fx.createFile(fx.root, "f");
        OpenFile open = fx.open(file);
        ByteBuf ok = buffer(new byte[] {1, 2});
        join(fx.mount.write(USER, open, 0, ok, Stability.UNSTABLE));
        assertEquals(0, ok.refCnt());
        ByteBuf badOffset = buffer(new byte[] {1});
        assertFails(VfsError.INVAL, fx.mount.write(USER, open, -5, badOffset, Stability.UNSTABLE));
        assertEquals(0, badOffset.refCnt());
        ByteBuf tooFar = buffer(new byte[] {1});
        assertFails(VfsError.FBIG, fx.mount.write(USER, open, Blocks.MAX_FILE_SIZE, tooFar, Stability.UNSTABLE));
        assertEquals(0, tooFar.refCnt());
        join(fx.mount.close(open));
        join(fx.mount.remove(USER, fx.root, "f"));
        ByteBuf stale = buffer(new byte[] {1});
        assertFails(VfsError.STALE, fx.mount.write(USER, open, 0, stale, Stability.UNSTABLE));
        assertEquals(0, stale.refCnt());
    }

    @Test
    public void aWritePastTheEndLeavesAHoleBetween() {
        FileHandle file = fx.createFile(fx.root, "f", new byte[] {1, 2, 3});
        fx.write(file, 2 * BLOCK + 10L, new byte[] {4, 5});
        byte[] expected = new byte[2 * BLOCK + 12];
        expected[0] = 1;
        expected[1] = 2;
        expected[2] = 3;
        expected[2 * BLOCK + 10] = 4;
        expected[2 * BLOCK + 11] = 5;
        assertArrayEquals(expected, fx.readAll(file));
        assertEquals(2L * BLOCK, fx.attrs(file).spaceUsed());
    }

    @Test
    public void writesAreFileSyncWithTheVerifierCommitReports() {
        FileHandle file = fx.createFile(fx.root, "f");
        OpenFile open = fx.open(file);
        Attrs before = fx.attrs(file);
        WriteResult written = join(fx.mount.write(USER, open, 0, buffer(new byte[] {1, 2, 3}), Stability.UNSTABLE));
        join(fx.mount.close(open));
        assertEquals(3, written.count());
        assertEquals(Stability.FILE_SYNC, written.stability());
        assertEquals(before, written.wcc().before());
        assertEquals(3, written.wcc().after().size());
        Committed committed = join(fx.mount.commit(USER, file, 0, 0));
        assertEquals(written.verifier(), committed.verifier());
        assertEquals(fx.attrs(file), committed.wcc().after());
        assertFails(VfsError.ISDIR, fx.mount.commit(USER, fx.root, 0, 0));
    }

    @Test
    public void truncatingZeroesTheTailSoALaterExtensionReadsZeros() {
        byte[] data = pattern(BLOCK + 500, 4);
        FileHandle file = fx.createFile(fx.root, "f", data);
        join(fx.mount.setattr(USER, file, SetAttrs.NONE.withSize(BLOCK + 100L), Guard.NONE));
        join(fx.mount.setattr(USER, file, SetAttrs.NONE.withSize(3L * BLOCK), Guard.NONE));
        byte[] expected = new byte[3 * BLOCK];
        System.arraycopy(data, 0, expected, 0, BLOCK + 100);
        assertArrayEquals(expected, fx.readAll(file));
        assertEquals(2L * BLOCK, fx.attrs(file).spaceUsed());
        join(fx.mount.setattr(USER, file, SetAttrs.NONE.withSize(10), Guard.NONE));
        assertEquals(Blocks.MIN_SIZE, fx.attrs(file).spaceUsed());
        join(fx.mount.setattr(USER, file, SetAttrs.NONE.withSize(0), Guard.NONE));
        assertEquals(0, fx.attrs(file).spaceUsed());
        assertEquals(0, fx.readAll(file).length);
    }

    @Test
    public void aTruncateKeepsAnEarlierReadIntact() {
        byte[] data = pattern(BLOCK, 6);
        FileHandle file = fx.createFile(fx.root, "f", data);
        OpenFile open = fx.open(file);
        ReadResult held = join(fx.mount.read(USER, open, 0, BLOCK));
        join(fx.mount.setattr(USER, file, SetAttrs.NONE.withSize(10), Guard.NONE));
        assertArrayEquals(data, ByteBufUtil.getBytes(held.data()));
        held.data().release();
        join(fx.mount.close(open));
        assertArrayEquals(Arrays.copyOf(data, 10), fx.readAll(file));
    }

    @Test
    public void anEmptyWriteChangesNothing() {
        FileHandle file = fx.createFile(fx.root, "f", new byte[] {1});
        Attrs before = fx.attrs(file);
        OpenFile open = fx.open(file);
        WriteResult result = join(fx.mount.write(USER, open, 100, buffer(new byte[0]), Stability.FILE_SYNC));
        join(fx.mount.close(open));
        assertEquals(0, result.count());
        assertEquals(before, fx.attrs(file));
    }

    @Test
    public void anOpenFileFromAnotherMountInstanceIsResolvedByItsHandle() {
        FileHandle file = fx.createFile(fx.root, "f", new byte[] {5, 6});
        OpenFile foreign = () -> file;
        ReadResult read = join(fx.mount.read(USER, foreign, 0, 2));
        assertArrayEquals(new byte[] {5, 6}, ByteBufUtil.getBytes(read.data()));
        read.data().release();
        join(fx.mount.close(foreign));
        assertEquals(2, fx.attrs(file).size());
    }
}

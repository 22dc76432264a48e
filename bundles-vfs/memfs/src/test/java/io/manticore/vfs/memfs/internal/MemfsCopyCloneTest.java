package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.BLOCK;
import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.assertFails;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static io.manticore.vfs.memfs.internal.MemfsFixture.pattern;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.util.Arrays;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.Wcc;
import io.manticore.testkit.LeakCheck;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsCopyCloneTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();

    @After
    public void unmount() {
        fx.close();
        fx = null;
    }

    private long copy(FileHandle src, long srcOffset, FileHandle dst, long dstOffset, long length) {
        return join(fx.mount.copyRange(USER, src, srcOffset, dst, dstOffset, length));
    }

    private long address(FileHandle fh, long offset) {
        OpenFile open = fx.open(fh);
        ReadResult r = join(fx.mount.read(USER, open, offset, 1));
        try {
            return r.data().memoryAddress();
        } finally {
            r.data().release();
            join(fx.mount.close(open));
        }
    }

    @Test
    public void copyRangeCopiesBytesAtUnalignedOffsets() {
        byte[] data = pattern(3 * BLOCK + 100, 1);
        FileHandle src = fx.createFile(fx.root, "src", data);
        FileHandle dst = fx.createFile(fx.root, "dst", pattern(50, 2));
        assertEquals(2L * BLOCK, copy(src, 10, dst, 5, 2L * BLOCK));
        byte[] expected = new byte[5 + 2 * BLOCK];
        System.arraycopy(pattern(50, 2), 0, expected, 0, 5);
        System.arraycopy(data, 10, expected, 5, 2 * BLOCK);
        assertArrayEquals(expected, fx.readAll(dst));
        assertArrayEquals(data, fx.readAll(src));
    }

    @Test
    public void copyRangeStopsAtTheSourcesEnd() {
        byte[] data = pattern(1000, 3);
        FileHandle src = fx.createFile(fx.root, "src", data);
        FileHandle dst = fx.createFile(fx.root, "dst");
        assertEquals(900, copy(src, 100, dst, 0, 1_000_000));
        assertArrayEquals(Arrays.copyOfRange(data, 100, 1000), fx.readAll(dst));
        assertEquals(0, copy(src, 5000, dst, 0, 10));
        assertEquals(900, fx.attrs(dst).size());
    }

    @Test
    public void anAlignedCopySharesBlocksAndTheFilesStayIndependent() {
        byte[] data = pattern(2 * BLOCK + 300, 4);
        FileHandle src = fx.createFile(fx.root, "src", data);
        FileHandle dst = fx.createFile(fx.root, "dst");
        assertEquals(data.length, copy(src, 0, dst, BLOCK, data.length));
        assertEquals(address(src, 0), address(dst, BLOCK));
        assertEquals(address(src, BLOCK), address(dst, 2L * BLOCK));
        assertEquals(address(src, 2L * BLOCK), address(dst, 3L * BLOCK));
        assertEquals(3L * BLOCK, fx.attrs(dst).spaceUsed());
        fx.write(dst, BLOCK + 1L, new byte[] {100});
        fx.write(src, BLOCK + 2L, new byte[] {101});
        assertNotEquals(address(src, BLOCK), address(dst, 2L * BLOCK));
        byte[] srcExpected = data.clone();
        srcExpected[BLOCK + 2] = 101;
        byte[] dstExpected = new byte[3 * BLOCK + 300];
        System.arraycopy(data, 0, dstExpected, BLOCK, data.length);
        dstExpected[BLOCK + 1] = 100;
        assertArrayEquals(srcExpected, fx.readAll(src));
        assertArrayEquals(dstExpected, fx.readAll(dst));
    }

    @Test
    public void copyingHolesKeepsThemHoles() {
        FileHandle src = fx.createFile(fx.root, "src", new byte[] {1});
        fx.write(src, 3L * BLOCK, new byte[] {2});
        FileHandle dst = fx.createFile(fx.root, "dst");
        assertEquals(3L * BLOCK + 1, copy(src, 0, dst, 7, 3L * BLOCK + 1));
        assertEquals(3L * BLOCK, fx.attrs(dst).spaceUsed());
        byte[] expected = new byte[3 * BLOCK + 8];
        expected[7] = 1;
        expected[3 * BLOCK + 7] = 2;
        assertArrayEquals(expected, fx.readAll(dst));
    }

    @Test
    public void withinOneFileOverlappingRangesFailInvalAndOthersCopy() {
        byte[] data = pattern(3 * BLOCK, 5);
        FileHandle file = fx.createFile(fx.root, "f", data);
        assertFails(VfsError.INVAL, fx.mount.copyRange(USER, file, 0, file, 100, 200));
        assertFails(VfsError.INVAL, fx.mount.copyRange(USER, file, 100, file, 0, 200));
        assertEquals(BLOCK + 10L, copy(file, 0, file, 2L * BLOCK, BLOCK + 10L));
        assertEquals(BLOCK, copy(file, 10, file, 3L * BLOCK + 10, BLOCK));
        byte[] expected = new byte[4 * BLOCK + 10];
        System.arraycopy(data, 0, expected, 0, data.length);
        System.arraycopy(data, 0, expected, 2 * BLOCK, BLOCK + 10);
        System.arraycopy(expected, 10, expected, 3 * BLOCK + 10, BLOCK);
        assertArrayEquals(expected, fx.readAll(file));
    }

    @Test
    public void copyAndCloneRefuseDirectoriesAndOtherTypes() {
        FileHandle file = fx.createFile(fx.root, "f", new byte[] {1});
        FileHandle fifo = join(fx.mount.mknod(USER, fx.root, "p", io.manticore.api.vfs.FileType.FIFO,
                io.manticore.api.vfs.SetAttrs.NONE, 0)).fh();
        assertFails(VfsError.ISDIR, fx.mount.copyRange(USER, fx.root, 0, file, 0, 1));
        assertFails(VfsError.ISDIR, fx.mount.copyRange(USER, file, 0, fx.root, 0, 1));
        assertFails(VfsError.INVAL, fx.mount.copyRange(USER, fifo, 0, file, 0, 1));
        assertFails(VfsError.ISDIR, fx.mount.cloneRange(USER, file, 0, fx.root, 0, 1));
        assertFails(VfsError.INVAL, fx.mount.copyRange(USER, file, -1, file, 10, 1));
    }

    @Test
    public void cloneRangeRequiresAlignedRanges() {
        FileHandle src = fx.createFile(fx.root, "src", pattern(3 * BLOCK + 10, 6));
        FileHandle dst = fx.createFile(fx.root, "dst");
        assertFails(VfsError.INVAL, fx.mount.cloneRange(USER, src, 1, dst, 0, BLOCK));
        assertFails(VfsError.INVAL, fx.mount.cloneRange(USER, src, 0, dst, 512, BLOCK));
        assertFails(VfsError.INVAL, fx.mount.cloneRange(USER, src, 0, dst, 0, BLOCK + 1L));
        assertFails(VfsError.INVAL, fx.mount.cloneRange(USER, src, 4L * BLOCK, dst, 0, BLOCK));
        assertEquals(0, fx.attrs(dst).size());
    }

    @Test
    public void cloneSharesBlocksUpToAnUnalignedEnd() {
        byte[] data = pattern(3 * BLOCK + 10, 7);
        FileHandle src = fx.createFile(fx.root, "src", data);
        FileHandle dst = fx.createFile(fx.root, "dst");
        Wcc wcc = join(fx.mount.cloneRange(USER, src, BLOCK, dst, 0, 2L * BLOCK + 10));
        assertEquals(0, wcc.before().size());
        assertEquals(2L * BLOCK + 10, wcc.after().size());
        assertEquals(address(src, BLOCK), address(dst, 0));
        assertEquals(address(src, 3L * BLOCK), address(dst, 2L * BLOCK));
        assertArrayEquals(Arrays.copyOfRange(data, BLOCK, data.length), fx.readAll(dst));
        fx.write(src, 3L * BLOCK + 10, new byte[] {1, 2, 3});
        assertArrayEquals(Arrays.copyOfRange(data, BLOCK, data.length), fx.readAll(dst));
        join(fx.mount.setattr(USER, dst, io.manticore.api.vfs.SetAttrs.NONE.withSize(3L * BLOCK),
                io.manticore.api.vfs.Guard.NONE));
        byte[] grown = new byte[3 * BLOCK];
        System.arraycopy(data, BLOCK, grown, 0, 2 * BLOCK + 10);
        assertArrayEquals(grown, fx.readAll(dst));
    }

    @Test
    public void cloningAShortEndKeepsTheTargetsLaterBytes() {
        byte[] data = pattern(BLOCK + 10, 8);
        byte[] target = pattern(3 * BLOCK, 9);
        FileHandle src = fx.createFile(fx.root, "src", data);
        FileHandle dst = fx.createFile(fx.root, "dst", target);
        join(fx.mount.cloneRange(USER, src, 0, dst, 0, BLOCK + 10L));
        byte[] expected = target.clone();
        System.arraycopy(data, 0, expected, 0, data.length);
        assertArrayEquals(expected, fx.readAll(dst));
        assertEquals(3L * BLOCK, fx.attrs(dst).size());
    }

    @Test
    public void cloningAHoleMakesAHoleInTheTarget() {
        FileHandle src = fx.createFile(fx.root, "src");
        fx.write(src, 2L * BLOCK, new byte[] {5});
        FileHandle dst = fx.createFile(fx.root, "dst", pattern(3 * BLOCK, 1));
        join(fx.mount.cloneRange(USER, src, 0, dst, 0, 2L * BLOCK));
        assertEquals(BLOCK, fx.attrs(dst).spaceUsed());
        byte[] expected = pattern(3 * BLOCK, 1);
        Arrays.fill(expected, 0, 2 * BLOCK, (byte) 0);
        assertArrayEquals(expected, fx.readAll(dst));
    }
}

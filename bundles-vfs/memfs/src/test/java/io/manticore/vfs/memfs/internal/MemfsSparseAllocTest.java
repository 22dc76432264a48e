package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.BLOCK;
import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.assertFails;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static io.manticore.vfs.memfs.internal.MemfsFixture.pattern;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.Wcc;
import io.manticore.api.vfs.Whence;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBufUtil;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsSparseAllocTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();

    @After
    public void unmount() {
        fx.close();
        fx = null;
    }

    private long seek(FileHandle fh, long offset, Whence whence) {
        return join(fx.mount.seek(USER, fh, offset, whence));
    }

    @Test
    public void allocateMaterialisesZeroedBlocksAndExtendsTheSize() {
        FileHandle file = fx.createFile(fx.root, "f");
        Wcc wcc = join(fx.mount.allocate(USER, file, 0, 3L * BLOCK - 10));
        assertEquals(0, wcc.before().size());
        Attrs after = wcc.after();
        assertEquals(3L * BLOCK - 10, after.size());
        assertEquals(3L * BLOCK, after.spaceUsed());
        assertTrue(after.mtime() > wcc.before().mtime());
        assertArrayEquals(new byte[3 * BLOCK - 10], fx.readAll(file));
        assertEquals(3L * BLOCK - 10, seek(file, 0, Whence.HOLE));
        assertEquals(BLOCK + 7L, seek(file, BLOCK + 7L, Whence.DATA));
    }

    @Test
    public void allocateInsideTheFileKeepsItsSizeAndData() {
        byte[] head = pattern(100, 1);
        FileHandle file = fx.createFile(fx.root, "f", head);
        fx.write(file, 4L * BLOCK, new byte[] {9});
        Attrs before = fx.attrs(file);
        Attrs after = join(fx.mount.allocate(USER, file, 50, 2L * BLOCK)).after();
        assertEquals(before.size(), after.size());
        assertEquals(before.mtime(), after.mtime());
        assertTrue(after.ctime() > before.ctime());
        assertEquals(4L * BLOCK, after.spaceUsed());
        byte[] expected = new byte[4 * BLOCK + 1];
        System.arraycopy(head, 0, expected, 0, head.length);
        expected[4 * BLOCK] = 9;
        assertArrayEquals(expected, fx.readAll(file));
        assertFails(VfsError.INVAL, fx.mount.allocate(USER, file, 0, 0));
        assertFails(VfsError.INVAL, fx.mount.allocate(USER, file, -1, 10));
        assertFails(VfsError.ISDIR, fx.mount.allocate(USER, fx.root, 0, 10));
    }

    @Test
    public void deallocateFreesWholeBlocksAndZeroesPartsWithoutChangingTheSize() {
        byte[] data = pattern(4 * BLOCK, 2);
        FileHandle file = fx.createFile(fx.root, "f", data);
        Wcc wcc = join(fx.mount.deallocate(USER, file, BLOCK + 100L, 2L * BLOCK));
        assertEquals(4L * BLOCK, wcc.after().size());
        assertEquals(3L * BLOCK, wcc.after().spaceUsed());
        byte[] expected = data.clone();
        Arrays.fill(expected, BLOCK + 100, 3 * BLOCK + 100, (byte) 0);
        assertArrayEquals(expected, fx.readAll(file));
        join(fx.mount.deallocate(USER, file, 0, 10L * BLOCK));
        assertEquals(4L * BLOCK, fx.attrs(file).size());
        assertEquals(0, fx.attrs(file).spaceUsed());
        assertArrayEquals(new byte[4 * BLOCK], fx.readAll(file));
    }

    @Test
    public void deallocateKeepsAnEarlierReadIntact() {
        byte[] data = pattern(BLOCK, 3);
        FileHandle file = fx.createFile(fx.root, "f", data);
        OpenFile open = fx.open(file);
        ReadResult held = join(fx.mount.read(USER, open, 0, BLOCK));
        join(fx.mount.deallocate(USER, file, 10, 20));
        join(fx.mount.deallocate(USER, file, 0, BLOCK));
        assertArrayEquals(data, ByteBufUtil.getBytes(held.data()));
        held.data().release();
        join(fx.mount.close(open));
        assertArrayEquals(new byte[BLOCK], fx.readAll(file));
    }

    @Test
    public void aPunchedPartialTailStaysZeroWhenTheFileGrows() {
        byte[] data = pattern(BLOCK + 1000, 4);
        FileHandle file = fx.createFile(fx.root, "f", data);
        join(fx.mount.deallocate(USER, file, BLOCK + 500L, 10_000));
        join(fx.mount.setattr(USER, file, SetAttrs.NONE.withSize(2L * BLOCK), Guard.NONE));
        byte[] expected = new byte[2 * BLOCK];
        System.arraycopy(data, 0, expected, 0, BLOCK + 500);
        assertArrayEquals(expected, fx.readAll(file));
    }

    @Test
    public void seekFindsDataAndHoles() {
        FileHandle file = fx.createFile(fx.root, "f", new byte[10]);
        fx.write(file, 3L * BLOCK + 5, new byte[15]);
        long size = 3L * BLOCK + 20;
        assertEquals(size, fx.attrs(file).size());
        assertEquals(0, seek(file, 0, Whence.DATA));
        assertEquals(5, seek(file, 5, Whence.DATA));
        assertEquals(100, seek(file, 100, Whence.DATA));
        assertEquals(3L * BLOCK, seek(file, BLOCK, Whence.DATA));
        assertEquals(3L * BLOCK + 7, seek(file, 3L * BLOCK + 7, Whence.DATA));
        assertEquals(BLOCK, seek(file, 0, Whence.HOLE));
        assertEquals(2L * BLOCK + 3, seek(file, 2L * BLOCK + 3, Whence.HOLE));
        assertEquals(size, seek(file, 3L * BLOCK, Whence.HOLE));
        assertFails(VfsError.NXIO, fx.mount.seek(USER, file, size, Whence.DATA));
        assertFails(VfsError.NXIO, fx.mount.seek(USER, file, size + 5, Whence.HOLE));
        assertFails(VfsError.INVAL, fx.mount.seek(USER, file, -1, Whence.DATA));
        assertFails(VfsError.ISDIR, fx.mount.seek(USER, fx.root, 0, Whence.DATA));
    }

    @Test
    public void seekDataInATrailingHoleFailsNxio() {
        FileHandle file = fx.createFile(fx.root, "f", new byte[] {1});
        join(fx.mount.setattr(USER, file, SetAttrs.NONE.withSize(5L * BLOCK), Guard.NONE));
        assertFails(VfsError.NXIO, fx.mount.seek(USER, file, BLOCK, Whence.DATA));
        assertEquals(BLOCK, seek(file, 0, Whence.HOLE));
        assertEquals(4L * BLOCK, seek(file, 4L * BLOCK, Whence.HOLE));
        FileHandle empty = fx.createFile(fx.root, "empty");
        assertFails(VfsError.NXIO, fx.mount.seek(USER, empty, 0, Whence.HOLE));
    }
}

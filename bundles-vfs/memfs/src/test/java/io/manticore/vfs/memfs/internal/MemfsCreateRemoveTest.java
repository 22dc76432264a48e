package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.assertFails;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static io.manticore.vfs.memfs.internal.MemfsFixture.pattern;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.Created;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.Opened;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.Wcc;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBufUtil;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsCreateRemoveTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();

    @After
    public void unmount() {
        fx.close();
        fx = null;
    }

    private Opened openAt(String name, OpenFlags flags) {
        return join(fx.mount.openAt(USER, fx.root, name, flags, SetAttrs.NONE, AttrMask.ALL));
    }

    @Test
    public void createNewCreatesTheFileAndFailsExistTheSecondTime() {
        Attrs dirBefore = fx.attrs(fx.root);
        Opened opened = openAt("f", OpenFlags.create(CreateMode.CREATE_NEW));
        assertTrue(opened.created());
        assertEquals(FileType.REGULAR, opened.attrs().type());
        assertEquals(0, opened.attrs().size());
        assertEquals(dirBefore, opened.dir().before());
        assertEquals(fx.attrs(fx.root), opened.dir().after());
        assertTrue(opened.dir().after().mtime() > dirBefore.mtime());
        join(fx.mount.close(opened.file()));
        assertFails(VfsError.EXIST, fx.mount.openAt(USER, fx.root, "f", OpenFlags.create(CreateMode.CREATE_NEW),
                SetAttrs.NONE, AttrMask.ALL));
    }

    @Test
    public void openExistingOfAMissingNameFailsNoent() {
        assertFails(VfsError.NOENT, fx.mount.openAt(USER, fx.root, "f", OpenFlags.READ, SetAttrs.NONE, AttrMask.ALL));
        assertEquals(0, fx.list(fx.root, 10).size());
    }

    @Test
    public void openOrCreateOpensAnExistingFileWithoutTouchingIt() {
        FileHandle file = fx.createFile(fx.root, "f", new byte[] {9, 8, 7});
        Attrs dir = fx.attrs(fx.root);
        Opened opened = openAt("f", OpenFlags.create(CreateMode.OPEN_OR_CREATE));
        join(fx.mount.close(opened.file()));
        assertFalse(opened.created());
        assertEquals(file, opened.file().handle());
        assertEquals(new Wcc(dir, dir), opened.dir());
        assertArrayEquals(new byte[] {9, 8, 7}, fx.readAll(file));
    }

    @Test
    public void createAppliesTheGivenModeAndSize() {
        Opened opened = join(fx.mount.openAt(USER, fx.root, "f", OpenFlags.create(CreateMode.OPEN_OR_CREATE),
                SetAttrs.mode(0600).withSize(10), AttrMask.ALL));
        join(fx.mount.close(opened.file()));
        assertEquals(0600, opened.attrs().mode());
        assertEquals(10, opened.attrs().size());
        assertArrayEquals(new byte[10], fx.readAll(opened.file().handle()));
    }

    @Test
    public void anExclusiveRetryWithTheSameVerifierSucceedsAndAnotherVerifierFailsExist() {
        Opened first = openAt("f", OpenFlags.exclusive(0x1234));
        join(fx.mount.close(first.file()));
        assertTrue(first.created());
        Opened retry = openAt("f", OpenFlags.exclusive(0x1234));
        join(fx.mount.close(retry.file()));
        assertTrue(retry.created());
        assertEquals(first.file().handle(), retry.file().handle());
        assertFails(VfsError.EXIST, fx.mount.openAt(USER, fx.root, "f", OpenFlags.exclusive(0x9999), SetAttrs.NONE,
                AttrMask.ALL));
        fx.createFile(fx.root, "plain");
        assertFails(VfsError.EXIST, fx.mount.openAt(USER, fx.root, "plain", OpenFlags.exclusive(0), SetAttrs.NONE,
                AttrMask.ALL));
    }

    @Test
    public void openingADirectoryFailsIsdirASymlinkLoopAndADeviceInval() {
        FileHandle dir = fx.mkdir(fx.root, "d");
        FileHandle link = join(fx.mount.symlink(USER, fx.root, "l", "d", SetAttrs.NONE)).fh();
        FileHandle fifo = join(fx.mount.mknod(USER, fx.root, "p", FileType.FIFO, SetAttrs.NONE, 0)).fh();
        assertFails(VfsError.ISDIR, fx.mount.openAt(USER, fx.root, "d", OpenFlags.READ, SetAttrs.NONE, AttrMask.ALL));
        assertFails(VfsError.LOOP, fx.mount.openAt(USER, fx.root, "l", OpenFlags.READ, SetAttrs.NONE, AttrMask.ALL));
        assertFails(VfsError.INVAL, fx.mount.openAt(USER, fx.root, "p", OpenFlags.READ, SetAttrs.NONE, AttrMask.ALL));
        assertFails(VfsError.ISDIR, fx.mount.open(USER, dir, false));
        assertFails(VfsError.LOOP, fx.mount.open(USER, link, false));
        assertFails(VfsError.INVAL, fx.mount.open(USER, fifo, false));
    }

    @Test
    public void theTruncateFlagEmptiesAnExistingFileAndFreesItsBlocks() {
        FileHandle file = fx.createFile(fx.root, "f", pattern(3 * MemfsFixture.BLOCK, 1));
        Opened opened = openAt("f", OpenFlags.READ_WRITE.truncating());
        join(fx.mount.close(opened.file()));
        assertFalse(opened.created());
        assertEquals(0, opened.attrs().size());
        assertEquals(0, opened.attrs().spaceUsed());
        assertEquals(0, fx.readAll(file).length);
        assertEquals(0, join(fx.mount.statfs(USER, fx.root)).totalBytes() - join(fx.mount.statfs(USER, fx.root)).freeBytes());
    }

    @Test
    public void removeDeletesAFileAndItsHandleGoesStale() {
        FileHandle file = fx.createFile(fx.root, "f", new byte[] {1});
        Attrs dirBefore = fx.attrs(fx.root);
        Wcc wcc = join(fx.mount.remove(USER, fx.root, "f"));
        assertEquals(dirBefore, wcc.before());
        assertEquals(fx.attrs(fx.root), wcc.after());
        assertTrue(wcc.after().mtime() > dirBefore.mtime());
        assertFails(VfsError.NOENT, fx.mount.lookup(USER, fx.root, "f", AttrMask.ALL));
        assertFails(VfsError.STALE, fx.mount.getattr(USER, file, AttrMask.ALL));
        assertFails(VfsError.NOENT, fx.mount.remove(USER, fx.root, "f"));
    }

    @Test
    public void removeOfADirectoryFailsIsdirAndRmdirOfAFileFailsNotdir() {
        fx.mkdir(fx.root, "d");
        fx.createFile(fx.root, "f");
        assertFails(VfsError.ISDIR, fx.mount.remove(USER, fx.root, "d"));
        assertFails(VfsError.NOTDIR, fx.mount.rmdir(USER, fx.root, "f"));
        assertFails(VfsError.NOENT, fx.mount.rmdir(USER, fx.root, "missing"));
    }

    @Test
    public void rmdirRemovesAnEmptyDirectoryAndRefusesAFullOne() {
        FileHandle d = fx.mkdir(fx.root, "d");
        fx.createFile(d, "f");
        assertEquals(3, fx.attrs(fx.root).nlink());
        assertFails(VfsError.NOTEMPTY, fx.mount.rmdir(USER, fx.root, "d"));
        join(fx.mount.remove(USER, d, "f"));
        Wcc wcc = join(fx.mount.rmdir(USER, fx.root, "d"));
        assertEquals(3, wcc.before().nlink());
        assertEquals(2, wcc.after().nlink());
        assertFails(VfsError.STALE, fx.mount.getattr(USER, d, AttrMask.ALL));
    }

    @Test
    public void anUnlinkedFileStaysReadableAndWritableWhileOpen() {
        byte[] data = pattern(100_000, 3);
        FileHandle file = fx.createFile(fx.root, "f", data);
        long freeBefore = join(fx.mount.statfs(USER, fx.root)).freeBytes();
        OpenFile open = fx.open(file);
        join(fx.mount.remove(USER, fx.root, "f"));
        Attrs unlinked = fx.attrs(file);
        assertEquals(0, unlinked.nlink());
        ReadResult read = join(fx.mount.read(USER, open, 0, data.length));
        assertArrayEquals(data, ByteBufUtil.getBytes(read.data()));
        read.data().release();
        join(fx.mount.write(USER, open, 0, MemfsFixture.buffer(new byte[] {42}), Stability.FILE_SYNC));
        ReadResult again = join(fx.mount.read(USER, open, 0, 1));
        assertEquals(42, again.data().getByte(0));
        again.data().release();
        assertEquals(freeBefore, join(fx.mount.statfs(USER, fx.root)).freeBytes());
        join(fx.mount.close(open));
        assertFails(VfsError.STALE, fx.mount.getattr(USER, file, AttrMask.ALL));
        assertEquals(freeBefore + 2L * MemfsFixture.BLOCK, join(fx.mount.statfs(USER, fx.root)).freeBytes());
    }

    @Test
    public void mknodMakesDevicesFifosAndSocketsAndRefusesOtherTypes() {
        Created chr = join(fx.mount.mknod(USER, fx.root, "c", FileType.CHAR_DEVICE, SetAttrs.mode(0620), (4L << 32) | 1));
        Created blk = join(fx.mount.mknod(USER, fx.root, "b", FileType.BLOCK_DEVICE, SetAttrs.NONE, (8L << 32) | 16));
        Created fifo = join(fx.mount.mknod(USER, fx.root, "p", FileType.FIFO, SetAttrs.NONE, 99));
        Created sock = join(fx.mount.mknod(USER, fx.root, "s", FileType.SOCKET, SetAttrs.NONE, 0));
        assertEquals(FileType.CHAR_DEVICE, chr.attrs().type());
        assertEquals((4L << 32) | 1, chr.attrs().rdev());
        assertEquals(0620, chr.attrs().mode());
        assertEquals((8L << 32) | 16, fx.attrs(blk.fh()).rdev());
        assertEquals(FileType.FIFO, fifo.attrs().type());
        assertEquals(0, fifo.attrs().rdev());
        assertEquals(FileType.SOCKET, sock.attrs().type());
        for (FileType type : new FileType[] {FileType.REGULAR, FileType.DIRECTORY, FileType.SYMLINK}) {
            assertFails(VfsError.BADTYPE, fx.mount.mknod(USER, fx.root, "x", type, SetAttrs.NONE, 0));
        }
        assertFails(VfsError.EXIST, fx.mount.mknod(USER, fx.root, "p", FileType.FIFO, SetAttrs.NONE, 0));
    }

    @Test
    public void anExistingNameFailsExistForEveryKindOfCreate() {
        fx.createFile(fx.root, "taken");
        assertFails(VfsError.EXIST, fx.mount.mkdir(USER, fx.root, "taken", SetAttrs.NONE));
        assertFails(VfsError.EXIST, fx.mount.symlink(USER, fx.root, "taken", "x", SetAttrs.NONE));
        assertFails(VfsError.EXIST, fx.mount.mknod(USER, fx.root, "taken", FileType.SOCKET, SetAttrs.NONE, 0));
        assertEquals(1, fx.list(fx.root, 10).size());
    }

    @Test
    public void aNameOfMoreThan255BytesFailsNameTooLong() {
        String ok = "é".repeat(127) + "x";
        fx.mkdir(fx.root, ok);
        assertFails(VfsError.NAMETOOLONG, fx.mount.mkdir(USER, fx.root, "é".repeat(128), SetAttrs.NONE));
        assertFails(VfsError.NAMETOOLONG, fx.mount.openAt(USER, fx.root, "a".repeat(256),
                OpenFlags.create(CreateMode.OPEN_OR_CREATE), SetAttrs.NONE, AttrMask.ALL));
    }

    @Test
    public void createInAFileFailsNotdir() {
        FileHandle file = fx.createFile(fx.root, "f");
        assertFails(VfsError.NOTDIR, fx.mount.mkdir(USER, file, "x", SetAttrs.NONE));
        assertFails(VfsError.NOTDIR, fx.mount.openAt(USER, file, "x", OpenFlags.create(CreateMode.CREATE_NEW),
                SetAttrs.NONE, AttrMask.ALL));
    }
}

package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.assertFails;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.RenameResult;
import io.manticore.api.vfs.VfsError;
import io.manticore.testkit.LeakCheck;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsRenameTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();

    @After
    public void unmount() {
        fx.close();
        fx = null;
    }

    private RenameResult rename(FileHandle from, String fromName, FileHandle to, String toName) {
        return join(fx.mount.rename(USER, from, fromName, to, toName));
    }

    @Test
    public void renameWithinADirectoryMovesTheNameAndKeepsTheHandle() {
        FileHandle file = fx.createFile(fx.root, "old", new byte[] {1});
        Attrs dirBefore = fx.attrs(fx.root);
        Attrs fileBefore = fx.attrs(file);
        RenameResult result = rename(fx.root, "old", fx.root, "new");
        assertEquals(file, fx.lookup(fx.root, "new"));
        assertFails(VfsError.NOENT, fx.mount.lookup(USER, fx.root, "old", AttrMask.ALL));
        assertEquals(dirBefore, result.fromDir().before());
        assertEquals(fx.attrs(fx.root), result.fromDir().after());
        assertEquals(result.fromDir(), result.toDir());
        assertTrue(fx.attrs(file).ctime() > fileBefore.ctime());
        assertEquals(List.of("new"), fx.list(fx.root, 10));
    }

    @Test
    public void renameAcrossDirectoriesUpdatesBothDirectories() {
        FileHandle a = fx.mkdir(fx.root, "a");
        FileHandle b = fx.mkdir(fx.root, "b");
        FileHandle file = fx.createFile(a, "f");
        Attrs aBefore = fx.attrs(a);
        Attrs bBefore = fx.attrs(b);
        RenameResult result = rename(a, "f", b, "g");
        assertEquals(file, fx.lookup(b, "g"));
        assertEquals(aBefore, result.fromDir().before());
        assertEquals(bBefore, result.toDir().before());
        assertEquals(fx.attrs(a), result.fromDir().after());
        assertEquals(fx.attrs(b), result.toDir().after());
        assertTrue(result.fromDir().after().mtime() > aBefore.mtime());
        assertTrue(result.toDir().after().mtime() > bBefore.mtime());
        assertEquals(0, fx.list(a, 10).size());
    }

    @Test
    public void aFileOverAFileReplacesIt() {
        FileHandle source = fx.createFile(fx.root, "src", new byte[] {1, 1});
        FileHandle target = fx.createFile(fx.root, "dst", new byte[] {2, 2, 2});
        long freeBefore = join(fx.mount.statfs(USER, fx.root)).freeBytes();
        rename(fx.root, "src", fx.root, "dst");
        assertEquals(source, fx.lookup(fx.root, "dst"));
        assertArrayEquals(new byte[] {1, 1}, fx.readAll(fx.lookup(fx.root, "dst")));
        assertFails(VfsError.STALE, fx.mount.getattr(USER, target, AttrMask.ALL));
        assertEquals(List.of("dst"), fx.list(fx.root, 10));
        assertEquals(freeBefore + Blocks.MIN_SIZE, join(fx.mount.statfs(USER, fx.root)).freeBytes());
    }

    @Test
    public void aReplacedFileThatIsOpenStaysReadable() {
        fx.createFile(fx.root, "src", new byte[] {1});
        FileHandle target = fx.createFile(fx.root, "dst", new byte[] {2});
        var open = fx.open(target);
        rename(fx.root, "src", fx.root, "dst");
        assertEquals(0, fx.attrs(target).nlink());
        join(fx.mount.close(open));
        assertFails(VfsError.STALE, fx.mount.getattr(USER, target, AttrMask.ALL));
    }

    @Test
    public void aDirectoryOverAnEmptyDirectoryReplacesIt() {
        FileHandle a = fx.mkdir(fx.root, "a");
        FileHandle b = fx.mkdir(fx.root, "b");
        FileHandle moved = fx.mkdir(a, "moved");
        FileHandle empty = fx.mkdir(b, "empty");
        assertEquals(3, fx.attrs(a).nlink());
        assertEquals(3, fx.attrs(b).nlink());
        rename(a, "moved", b, "empty");
        assertEquals(moved, fx.lookup(b, "empty"));
        assertFails(VfsError.STALE, fx.mount.getattr(USER, empty, AttrMask.ALL));
        assertEquals(2, fx.attrs(a).nlink());
        assertEquals(3, fx.attrs(b).nlink());
        assertEquals(b, join(fx.mount.getParent(USER, moved, AttrMask.ALL)).fh());
    }

    @Test
    public void aDirectoryOverANonEmptyDirectoryFailsNotEmpty() {
        fx.mkdir(fx.root, "a");
        FileHandle full = fx.mkdir(fx.root, "full");
        fx.createFile(full, "f");
        assertFails(VfsError.NOTEMPTY, fx.mount.rename(USER, fx.root, "a", fx.root, "full"));
        assertEquals(List.of("a", "full"), fx.list(fx.root, 10));
    }

    @Test
    public void aFileOverADirectoryFailsIsdirAndADirectoryOverAFileNotdir() {
        fx.createFile(fx.root, "f");
        fx.mkdir(fx.root, "d");
        assertFails(VfsError.ISDIR, fx.mount.rename(USER, fx.root, "f", fx.root, "d"));
        assertFails(VfsError.NOTDIR, fx.mount.rename(USER, fx.root, "d", fx.root, "f"));
        assertEquals(List.of("f", "d"), fx.list(fx.root, 10));
    }

    @Test
    public void aDirectoryCannotMoveIntoItselfOrItsSubtree() {
        FileHandle a = fx.mkdir(fx.root, "a");
        FileHandle b = fx.mkdir(a, "b");
        FileHandle c = fx.mkdir(b, "c");
        assertFails(VfsError.INVAL, fx.mount.rename(USER, fx.root, "a", a, "x"));
        assertFails(VfsError.INVAL, fx.mount.rename(USER, fx.root, "a", c, "x"));
        assertFails(VfsError.INVAL, fx.mount.rename(USER, a, "b", c, "x"));
        assertEquals(a, fx.lookup(fx.root, "a"));
        assertEquals(b, fx.lookup(a, "b"));
    }

    @Test
    public void renamingOntoAnotherLinkOfTheSameFileDoesNothing() {
        FileHandle file = fx.createFile(fx.root, "f");
        join(fx.mount.link(USER, file, fx.root, "g"));
        Attrs dirBefore = fx.attrs(fx.root);
        RenameResult result = rename(fx.root, "f", fx.root, "g");
        assertEquals(dirBefore, result.fromDir().after());
        assertEquals(dirBefore, fx.attrs(fx.root));
        assertEquals(List.of("f", "g"), fx.list(fx.root, 10));
        assertEquals(2, fx.attrs(file).nlink());
        rename(fx.root, "f", fx.root, "f");
        assertEquals(List.of("f", "g"), fx.list(fx.root, 10));
    }

    @Test
    public void aMissingSourceFailsNoent() {
        FileHandle d = fx.mkdir(fx.root, "d");
        assertFails(VfsError.NOENT, fx.mount.rename(USER, fx.root, "missing", d, "x"));
        FileHandle file = fx.createFile(fx.root, "f");
        assertFails(VfsError.NOTDIR, fx.mount.rename(USER, file, "x", d, "x"));
    }

    @Test
    public void movingADirectoryUpdatesLinkCountsAndItsParent() {
        FileHandle a = fx.mkdir(fx.root, "a");
        FileHandle b = fx.mkdir(fx.root, "b");
        FileHandle c = fx.mkdir(a, "c");
        fx.createFile(c, "inside", new byte[] {3});
        rename(a, "c", b, "c2");
        assertEquals(2, fx.attrs(a).nlink());
        assertEquals(3, fx.attrs(b).nlink());
        assertEquals(4, fx.attrs(fx.root).nlink());
        assertEquals(b, join(fx.mount.getParent(USER, c, AttrMask.ALL)).fh());
        assertArrayEquals(new byte[] {3}, fx.readAll(fx.lookup(fx.lookup(b, "c2"), "inside")));
        rename(b, "c2", fx.root, "top");
        assertEquals(5, fx.attrs(fx.root).nlink());
        assertEquals(2, fx.attrs(b).nlink());
        assertEquals(fx.root, join(fx.mount.getParent(USER, c, AttrMask.ALL)).fh());
    }

    @Test
    public void aReplacedNameKeepsItsPlaceInTheListing() {
        fx.createFile(fx.root, "a");
        fx.createFile(fx.root, "b");
        fx.createFile(fx.root, "c");
        rename(fx.root, "c", fx.root, "a");
        assertEquals(List.of("a", "b"), fx.list(fx.root, 10));
    }
}

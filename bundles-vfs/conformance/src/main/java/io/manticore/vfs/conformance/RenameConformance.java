package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.MountDriver.pattern;
import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.List;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.RenameResult;
import io.manticore.api.vfs.VfsError;
import org.junit.Test;

/** rename with the POSIX rules of rename(2). */
public class RenameConformance extends ConformanceCase {

    public RenameConformance(BackendUnderTest backend) {
        super(backend);
    }

    private RenameResult rename(FileHandle fromDir, String from, FileHandle toDir, String to) {
        return join(mount.rename(cred, fromDir, from, toDir, to));
    }

    @Test
    public void renameMovesANameWithinADirectory() {
        byte[] data = pattern(100, 1);
        FileHandle file = fs.createFile(root, "old", data);
        RenameResult result = rename(root, "old", root, "new");
        assertFails(VfsError.NOENT, mount.lookup(cred, root, "old", AttrMask.ALL));
        assertEquals(file, fs.lookup(root, "new"));
        assertArrayEquals(data, fs.readAll(file));
        assertEquals(List.of("new"), fs.names(root, 10));
        AttrsAssert.assertSameState(fs.attrs(root), result.toDir().after());
    }

    @Test
    public void renameMovesAFileToAnotherDirectory() {
        FileHandle file = fs.createFile(root, "f");
        FileHandle dir = fs.mkdir(root, "d");
        RenameResult result = rename(root, "f", dir, "g");
        assertEquals(file, fs.lookup(dir, "g"));
        assertEquals(List.of("d"), fs.names(root, 10));
        AttrsAssert.assertSameState(fs.attrs(root), result.fromDir().after());
        AttrsAssert.assertSameState(fs.attrs(dir), result.toDir().after());
    }

    @Test
    public void renameOverAnExistingFileReplacesIt() {
        byte[] data = pattern(100, 2);
        FileHandle moved = fs.createFile(root, "a", data);
        FileHandle replaced = fs.createFile(root, "b", pattern(50, 3));
        rename(root, "a", root, "b");
        assertEquals(moved, fs.lookup(root, "b"));
        assertArrayEquals(data, fs.readAll(moved));
        assertEquals(List.of("b"), fs.names(root, 10));
        assertFails(VfsError.STALE, mount.getattr(cred, replaced, AttrMask.ALL));
    }

    @Test
    public void renameOfADirectoryOverAnEmptyDirectoryReplacesIt() {
        FileHandle moved = fs.mkdir(root, "a");
        fs.createFile(moved, "inside");
        FileHandle replaced = fs.mkdir(root, "b");
        int links = fs.attrs(root).nlink();
        rename(root, "a", root, "b");
        assertEquals(moved, fs.lookup(root, "b"));
        assertEquals(List.of("inside"), fs.names(moved, 10));
        assertEquals(links - 1, fs.attrs(root).nlink());
        assertFails(VfsError.STALE, mount.getattr(cred, replaced, AttrMask.ALL));
    }

    @Test
    public void renameOfADirectoryOverANonEmptyDirectoryFailsNotempty() {
        FileHandle moved = fs.mkdir(root, "a");
        FileHandle target = fs.mkdir(root, "b");
        fs.createFile(target, "inside");
        assertFails(VfsError.NOTEMPTY, mount.rename(cred, root, "a", root, "b"));
        assertEquals(moved, fs.lookup(root, "a"));
        assertEquals(target, fs.lookup(root, "b"));
    }

    @Test
    public void renameOfAFileOverADirectoryFailsIsdir() {
        fs.createFile(root, "f");
        FileHandle dir = fs.mkdir(root, "d");
        assertFails(VfsError.ISDIR, mount.rename(cred, root, "f", root, "d"));
        assertEquals(dir, fs.lookup(root, "d"));
    }

    @Test
    public void renameOfADirectoryOverAFileFailsNotdir() {
        fs.mkdir(root, "d");
        FileHandle file = fs.createFile(root, "f");
        assertFails(VfsError.NOTDIR, mount.rename(cred, root, "d", root, "f"));
        assertEquals(file, fs.lookup(root, "f"));
    }

    @Test
    public void renameOfADirectoryIntoItsOwnSubtreeFailsInval() {
        FileHandle a = fs.mkdir(root, "a");
        FileHandle b = fs.mkdir(a, "b");
        FileHandle c = fs.mkdir(b, "c");
        assertFails(VfsError.INVAL, mount.rename(cred, root, "a", a, "x"));
        assertFails(VfsError.INVAL, mount.rename(cred, root, "a", c, "x"));
        assertEquals(a, fs.lookup(root, "a"));
        assertEquals(List.of("c"), fs.names(b, 10));
    }

    @Test
    public void renameOfADirectoryOntoItsOwnAncestorFailsNotempty() {
        FileHandle a = fs.mkdir(root, "a");
        fs.mkdir(a, "b");
        assertFails(VfsError.NOTEMPTY, mount.rename(cred, a, "b", root, "a"));
        assertEquals(a, fs.lookup(root, "a"));
    }

    @Test
    public void renameOntoTheSameNameDoesNothing() {
        byte[] data = pattern(20, 4);
        FileHandle file = fs.createFile(root, "f", data);
        FileHandle dir = fs.mkdir(root, "d");
        rename(root, "f", root, "f");
        rename(root, "d", root, "d");
        assertEquals(file, fs.lookup(root, "f"));
        assertEquals(dir, fs.lookup(root, "d"));
        assertArrayEquals(data, fs.readAll(file));
        assertEquals(2, fs.names(root, 10).size());
        assertEquals(1, fs.attrs(file).nlink());
    }

    @Test
    public void renameBetweenTwoLinksOfOneFileDoesNothing() {
        requires(Capability.HARDLINKS);
        FileHandle file = fs.createFile(root, "a");
        join(mount.link(cred, file, root, "b"));
        rename(root, "a", root, "b");
        assertEquals(file, fs.lookup(root, "a"));
        assertEquals(file, fs.lookup(root, "b"));
        assertEquals(2, fs.attrs(file).nlink());
    }

    @Test
    public void renameOfAMissingNameFailsNoent() {
        assertFails(VfsError.NOENT, mount.rename(cred, root, "missing", root, "x"));
    }

    @Test
    public void renameIntoAFileFailsNotdir() {
        fs.createFile(root, "a");
        FileHandle file = fs.createFile(root, "f");
        assertFails(VfsError.NOTDIR, mount.rename(cred, root, "a", file, "x"));
        assertFails(VfsError.NOTDIR, mount.rename(cred, file, "x", root, "b"));
    }

    @Test
    public void movingADirectoryMovesItsParentAndTheLinkCounts() {
        FileHandle from = fs.mkdir(root, "from");
        FileHandle to = fs.mkdir(root, "to");
        FileHandle moved = fs.mkdir(from, "moved");
        assertEquals(3, fs.attrs(from).nlink());
        assertEquals(2, fs.attrs(to).nlink());
        rename(from, "moved", to, "moved");
        assertEquals(2, fs.attrs(from).nlink());
        assertEquals(3, fs.attrs(to).nlink());
        assertEquals(2, fs.attrs(moved).nlink());
        assertEquals(to, join(mount.getParent(cred, moved, AttrMask.ALL)).fh());
    }
}

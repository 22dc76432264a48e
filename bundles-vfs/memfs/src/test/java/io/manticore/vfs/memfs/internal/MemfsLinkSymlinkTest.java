package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.assertFails;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static io.manticore.vfs.memfs.internal.MemfsFixture.pattern;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Created;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.LinkResult;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.Wcc;
import io.manticore.testkit.LeakCheck;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsLinkSymlinkTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();

    @After
    public void unmount() {
        fx.close();
        fx = null;
    }

    @Test
    public void linkAddsASecondNameForTheSameFile() {
        FileHandle d = fx.mkdir(fx.root, "d");
        FileHandle file = fx.createFile(fx.root, "f", new byte[] {1});
        Attrs before = fx.attrs(file);
        Attrs dirBefore = fx.attrs(d);
        LinkResult result = join(fx.mount.link(USER, file, d, "g"));
        assertEquals(2, result.attrs().nlink());
        assertTrue(result.attrs().ctime() > before.ctime());
        assertEquals(dirBefore, result.dir().before());
        assertEquals(fx.attrs(d), result.dir().after());
        assertEquals(file, fx.lookup(d, "g"));
        fx.write(fx.lookup(d, "g"), 1, new byte[] {2});
        assertArrayEquals(new byte[] {1, 2}, fx.readAll(fx.lookup(fx.root, "f")));
        join(fx.mount.remove(USER, fx.root, "f"));
        assertEquals(1, fx.attrs(file).nlink());
        assertArrayEquals(new byte[] {1, 2}, fx.readAll(file));
    }

    @Test
    public void linkingADirectoryFailsPermAndOntoAnExistingNameExist() {
        FileHandle d = fx.mkdir(fx.root, "d");
        FileHandle file = fx.createFile(fx.root, "f");
        fx.createFile(fx.root, "taken");
        assertFails(VfsError.PERM, fx.mount.link(USER, d, fx.root, "d2"));
        assertFails(VfsError.EXIST, fx.mount.link(USER, file, fx.root, "taken"));
        assertFails(VfsError.EXIST, fx.mount.link(USER, file, fx.root, "f"));
        assertEquals(1, fx.attrs(file).nlink());
    }

    @Test
    public void aRemovedButOpenFileCannotGetANewName() {
        FileHandle file = fx.createFile(fx.root, "f");
        OpenFile open = fx.open(file);
        join(fx.mount.remove(USER, fx.root, "f"));
        assertFails(VfsError.NOENT, fx.mount.link(USER, file, fx.root, "again"));
        join(fx.mount.close(open));
    }

    @Test
    public void aSymlinkKeepsItsTargetForReadlink() {
        Created link = join(fx.mount.symlink(USER, fx.root, "l", "../some/where", SetAttrs.NONE));
        assertEquals("../some/where", join(fx.mount.readlink(USER, link.fh())));
        assertEquals(link.fh(), fx.lookup(fx.root, "l"));
        assertEquals(1, link.attrs().nlink());
        assertTrue(link.dir().after().mtime() > link.dir().before().mtime());
        assertFails(VfsError.INVAL, fx.mount.readlink(USER, fx.createFile(fx.root, "f")));
        assertFails(VfsError.INVAL, fx.mount.readlink(USER, fx.root));
        assertFails(VfsError.INVAL, fx.mount.symlink(USER, fx.root, "empty", "", SetAttrs.NONE));
        assertFails(VfsError.NAMETOOLONG, fx.mount.symlink(USER, fx.root, "long", "x".repeat(4097), SetAttrs.NONE));
    }

    @Test
    public void anUnlinkedFileLivesUntilLinkAtPublishesIt() {
        Attrs dirBefore = fx.attrs(fx.root);
        Created created = join(fx.mount.createUnlinked(USER, fx.root, SetAttrs.mode(0640)));
        assertEquals(0, created.attrs().nlink());
        assertEquals(0640, created.attrs().mode());
        assertEquals(new Wcc(dirBefore, dirBefore), created.dir());
        byte[] data = pattern(70_000, 2);
        fx.write(created.fh(), 0, data);
        assertEquals(70_000, fx.attrs(created.fh()).size());
        assertEquals(List.of(), fx.list(fx.root, 10));
        Wcc wcc = join(fx.mount.linkAt(USER, created.fh(), fx.root, "published", false));
        assertEquals(dirBefore, wcc.before());
        assertEquals(fx.attrs(fx.root), wcc.after());
        assertEquals(created.fh(), fx.lookup(fx.root, "published"));
        assertEquals(1, fx.attrs(created.fh()).nlink());
        assertArrayEquals(data, fx.readAll(created.fh()));
        join(fx.mount.remove(USER, fx.root, "published"));
        assertFails(VfsError.STALE, fx.mount.getattr(USER, created.fh(), AttrMask.ALL));
    }

    @Test
    public void linkAtFailsExistWithoutReplaceAndReplacesAFileWithIt() {
        FileHandle old = fx.createFile(fx.root, "name", new byte[] {1});
        fx.mkdir(fx.root, "dir");
        FileHandle fresh = join(fx.mount.createUnlinked(USER, fx.root, SetAttrs.NONE)).fh();
        fx.write(fresh, 0, new byte[] {2, 2});
        assertFails(VfsError.EXIST, fx.mount.linkAt(USER, fresh, fx.root, "name", false));
        assertFails(VfsError.ISDIR, fx.mount.linkAt(USER, fresh, fx.root, "dir", true));
        assertEquals(0, fx.attrs(fresh).nlink());
        join(fx.mount.linkAt(USER, fresh, fx.root, "name", true));
        assertEquals(fresh, fx.lookup(fx.root, "name"));
        assertArrayEquals(new byte[] {2, 2}, fx.readAll(fx.lookup(fx.root, "name")));
        assertFails(VfsError.STALE, fx.mount.getattr(USER, old, AttrMask.ALL));
        assertEquals(List.of("name", "dir"), fx.list(fx.root, 10));
        join(fx.mount.linkAt(USER, fresh, fx.root, "name", true));
        assertEquals(1, fx.attrs(fresh).nlink());
    }

    @Test
    public void linkAtOfALinkedFileAddsAnotherName() {
        FileHandle file = fx.createFile(fx.root, "a");
        join(fx.mount.linkAt(USER, file, fx.root, "b", false));
        assertEquals(2, fx.attrs(file).nlink());
        assertEquals(file, fx.lookup(fx.root, "b"));
        assertFails(VfsError.PERM, fx.mount.linkAt(USER, fx.root, fx.root, "c", false));
    }

    @Test
    public void anUnpublishedFileIsFreedWhenTheMountEnds() {
        FileHandle orphan = join(fx.mount.createUnlinked(USER, fx.root, SetAttrs.NONE)).fh();
        fx.write(orphan, 0, pattern(3 * MemfsFixture.BLOCK, 8));
        assertEquals(3L * MemfsFixture.BLOCK, fx.attrs(orphan).spaceUsed());
        // the leak check after unmount proves its blocks were released
    }

    @Test
    public void discardingAnUnpublishedFileFreesItsSpaceAndHandle() {
        long freeBefore = join(fx.mount.statfs(USER, fx.root)).freeBytes();
        FileHandle upload = join(fx.mount.createUnlinked(USER, fx.root, SetAttrs.NONE)).fh();
        fx.write(upload, 0, pattern(2 * MemfsFixture.BLOCK, 9));
        assertEquals(freeBefore - 2L * MemfsFixture.BLOCK, join(fx.mount.statfs(USER, fx.root)).freeBytes());
        join(fx.mount.discardUnlinked(USER, upload));
        assertFails(VfsError.STALE, fx.mount.getattr(USER, upload, AttrMask.ALL));
        assertEquals(freeBefore, join(fx.mount.statfs(USER, fx.root)).freeBytes());
        assertFails(VfsError.STALE, fx.mount.discardUnlinked(USER, upload));
    }

    @Test
    public void aPublishedFileCannotBeDiscarded() {
        FileHandle file = fx.createFile(fx.root, "kept", new byte[] {1});
        assertFails(VfsError.INVAL, fx.mount.discardUnlinked(USER, file));
        assertEquals(file, fx.lookup(fx.root, "kept"));
    }
}

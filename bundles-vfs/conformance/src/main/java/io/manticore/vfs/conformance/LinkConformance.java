package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.MountDriver.pattern;
import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.LinkResult;
import io.manticore.api.vfs.VfsError;
import org.junit.Before;
import org.junit.Test;

/** Hard links: names and link counts. */
public class LinkConformance extends ConformanceCase {

    public LinkConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Before
    public void needsHardLinks() {
        requires(Capability.HARDLINKS);
    }

    @Test
    public void linkAddsANameForTheSameFileAndCountsIt() {
        byte[] data = pattern(5000, 1);
        FileHandle file = fs.createFile(root, "a", data);
        FileHandle dir = fs.mkdir(root, "dir");
        Attrs before = fs.attrs(file);
        LinkResult result = join(mount.link(cred, file, dir, "b"));
        assertEquals(2, result.attrs().nlink());
        assertEquals(2, fs.attrs(file).nlink());
        assertTrue("the file's change counter grows", fs.attrs(file).change() > before.change());
        assertEquals(file, fs.lookup(dir, "b"));
        assertEquals(file, fs.lookup(root, "a"));
        assertArrayEquals(data, fs.readAll(fs.lookup(dir, "b")));
        AttrsAssert.assertSameState(fs.attrs(dir), result.dir().after());
    }

    @Test
    public void removingOneNameKeepsTheFileUnderTheOther() {
        byte[] data = pattern(3000, 2);
        FileHandle file = fs.createFile(root, "a", data);
        join(mount.link(cred, file, root, "b"));
        join(mount.link(cred, file, root, "c"));
        assertEquals(3, fs.attrs(file).nlink());
        join(mount.remove(cred, root, "a"));
        assertEquals(2, fs.attrs(file).nlink());
        join(mount.remove(cred, root, "b"));
        assertEquals(1, fs.attrs(file).nlink());
        assertArrayEquals(data, fs.readAll(fs.lookup(root, "c")));
    }

    @Test
    public void aWriteThroughOneNameIsSeenThroughTheOther() {
        FileHandle file = fs.createFile(root, "a", pattern(10, 3));
        join(mount.link(cred, file, root, "b"));
        fs.write(fs.lookup(root, "b"), 0, new byte[] {42});
        assertEquals(42, fs.read(fs.lookup(root, "a"), 0, 1)[0]);
    }

    @Test
    public void linkOverAnExistingNameFailsExist() {
        FileHandle file = fs.createFile(root, "a");
        FileHandle other = fs.createFile(root, "b");
        assertFails(VfsError.EXIST, mount.link(cred, file, root, "b"));
        assertEquals(other, fs.lookup(root, "b"));
        assertEquals(1, fs.attrs(file).nlink());
    }

    @Test
    public void linkOfADirectoryFailsPerm() {
        FileHandle dir = fs.mkdir(root, "dir");
        assertFails(VfsError.PERM, mount.link(cred, dir, root, "again"));
        assertFails(VfsError.NOENT, mount.lookup(cred, root, "again", AttrMask.ALL));
    }

    @Test
    public void linkIntoAFileFailsNotdir() {
        FileHandle file = fs.createFile(root, "a");
        assertFails(VfsError.NOTDIR, mount.link(cred, file, file, "b"));
    }
}

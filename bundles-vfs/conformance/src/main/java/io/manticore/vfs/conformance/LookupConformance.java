package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.VfsError;
import org.junit.Test;

/**
 * lookup and getParent. Names never are "." or ".." here (core resolves those), so "." is the
 * directory's own handle and ".." is {@link io.manticore.api.vfs.VfsMount#getParent}.
 */
public class LookupConformance extends ConformanceCase {

    public LookupConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    public void lookupReturnsTheObjectWithItsAttributesAndTheDirectorys() {
        FileHandle file = fs.createFile(root, "file", new byte[] {1, 2, 3});
        Lookup found = join(mount.lookup(cred, root, "file", AttrMask.ALL));
        assertEquals(file, found.fh());
        assertEquals(FileType.REGULAR, found.attrs().type());
        assertEquals(3, found.attrs().size());
        AttrsAssert.assertSameState(fs.attrs(file), found.attrs());
        assertEquals(fs.attrs(root).fileId(), found.dirAttrs().fileId());
    }

    @Test
    public void lookupOfAMissingNameFailsNoent() {
        assertFails(VfsError.NOENT, mount.lookup(cred, root, "missing", AttrMask.ALL));
    }

    @Test
    public void lookupInAFileFailsNotdir() {
        FileHandle file = fs.createFile(root, "file");
        assertFails(VfsError.NOTDIR, mount.lookup(cred, file, "x", AttrMask.ALL));
    }

    @Test
    public void namesDifferingOnlyInCaseAreDifferentObjects() {
        FileHandle lower = fs.createFile(root, "name");
        FileHandle upper = fs.createFile(root, "NAME");
        assertNotEquals(lower, upper);
        assertEquals(lower, fs.lookup(root, "name"));
        assertEquals(upper, fs.lookup(root, "NAME"));
        assertFails(VfsError.NOENT, mount.lookup(cred, root, "Name", AttrMask.ALL));
    }

    @Test
    public void lookupFindsObjectsInNestedDirectories() {
        FileHandle a = fs.mkdir(root, "a");
        FileHandle b = fs.mkdir(a, "b");
        FileHandle file = fs.createFile(b, "file");
        assertEquals(a, fs.lookup(root, "a"));
        assertEquals(b, fs.lookup(a, "b"));
        assertEquals(file, fs.lookup(b, "file"));
        assertFails(VfsError.NOENT, mount.lookup(cred, root, "b", AttrMask.ALL));
    }

    @Test
    public void getParentOfADirectoryIsTheDirectoryHoldingIt() {
        FileHandle a = fs.mkdir(root, "a");
        FileHandle b = fs.mkdir(a, "b");
        Lookup parent = join(mount.getParent(cred, b, AttrMask.ALL));
        assertEquals(a, parent.fh());
        assertEquals(fs.attrs(a).fileId(), parent.attrs().fileId());
        assertEquals(fs.attrs(b).fileId(), parent.dirAttrs().fileId());
        assertEquals(root, join(mount.getParent(cred, a, AttrMask.ALL)).fh());
    }

    @Test
    public void getParentOfTheRootIsTheRoot() {
        Lookup parent = join(mount.getParent(cred, root, AttrMask.ALL));
        assertEquals(root, parent.fh());
        assertEquals(FileType.DIRECTORY, parent.attrs().type());
    }

    @Test
    public void getParentOfAFileFailsNotdir() {
        FileHandle file = fs.createFile(root, "file");
        assertFails(VfsError.NOTDIR, mount.getParent(cred, file, AttrMask.ALL));
    }
}

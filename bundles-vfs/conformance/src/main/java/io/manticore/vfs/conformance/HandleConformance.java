package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import org.junit.Test;

/** File handles: stable for an object's life, distinct between objects, STALE once it is gone. */
public class HandleConformance extends ConformanceCase {

    public HandleConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    public void handlesAreStableAcrossLookupsListingsAndCreation() {
        FileHandle created = fs.createFile(root, "file");
        FileHandle dir = fs.mkdir(root, "dir");
        assertEquals(created, fs.lookup(root, "file"));
        assertEquals(created, fs.lookup(root, "file"));
        assertEquals(dir, fs.lookup(root, "dir"));
        for (DirEntry entry : fs.list(root, 10)) {
            assertEquals(entry.name(), fs.lookup(root, entry.name()), entry.fh());
        }
        assertEquals(root, mount.root());
    }

    @Test
    public void handlesCarryTheMountIdAndFitTheNfsLimit() {
        FileHandle file = fs.createFile(root, "file");
        for (FileHandle fh : new FileHandle[] {root, file, fs.mkdir(root, "dir")}) {
            assertEquals(MOUNT_ID, fh.mountId());
            assertTrue(fh.length() <= FileHandle.MAX_BYTES);
        }
    }

    @Test
    public void distinctObjectsHaveDistinctHandlesAndFileIds() {
        FileHandle a = fs.createFile(root, "a");
        FileHandle b = fs.createFile(root, "b");
        FileHandle d = fs.mkdir(root, "d");
        assertNotEquals(a, b);
        assertNotEquals(a, d);
        assertNotEquals(fs.attrs(a).fileId(), fs.attrs(b).fileId());
        assertNotEquals(fs.attrs(a).fileId(), fs.attrs(d).fileId());
        assertNotEquals(fs.attrs(root).fileId(), fs.attrs(d).fileId());
    }

    @Test
    public void aRemovedFilesHandleAnswersStale() {
        FileHandle file = fs.createFile(root, "file", new byte[] {1});
        join(mount.remove(cred, root, "file"));
        assertFails(VfsError.STALE, mount.getattr(cred, file, AttrMask.ALL));
        assertFails(VfsError.STALE, mount.open(cred, file, false));
        assertFails(VfsError.STALE, mount.setattr(cred, file, SetAttrs.mode(0600), Guard.NONE));
    }

    @Test
    public void aRemovedDirectorysHandleAnswersStale() {
        FileHandle dir = fs.mkdir(root, "dir");
        join(mount.rmdir(cred, root, "dir"));
        assertFails(VfsError.STALE, mount.getattr(cred, dir, AttrMask.ALL));
        assertFails(VfsError.STALE, mount.lookup(cred, dir, "x", AttrMask.ALL));
        assertFails(VfsError.STALE, mount.mkdir(cred, dir, "x", SetAttrs.NONE));
        assertFails(VfsError.STALE, mount.readdir(cred, dir, 0, 0, 10, AttrMask.ALL));
    }

    @Test
    public void aNameReusedAfterRemovalGetsANewHandle() {
        FileHandle first = fs.createFile(root, "name");
        join(mount.remove(cred, root, "name"));
        FileHandle second = fs.createFile(root, "name");
        assertNotEquals(first, second);
        assertEquals(second, fs.lookup(root, "name"));
        assertFails(VfsError.STALE, mount.getattr(cred, first, AttrMask.ALL));
    }

    @Test
    public void aHandleSurvivesARename() {
        FileHandle file = fs.createFile(root, "old", new byte[] {7});
        FileHandle dir = fs.mkdir(root, "dir");
        join(mount.rename(cred, root, "old", dir, "new"));
        assertEquals(file, fs.lookup(dir, "new"));
        assertEquals(1, fs.attrs(file).size());
    }
}

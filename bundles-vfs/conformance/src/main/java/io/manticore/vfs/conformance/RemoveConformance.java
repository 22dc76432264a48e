package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.MountDriver.pattern;
import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.Wcc;
import org.junit.Test;

/** remove and rmdir. */
public class RemoveConformance extends ConformanceCase {

    public RemoveConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    public void removeDeletesAFileAndReportsTheDirectory() {
        fs.createFile(root, "f", pattern(10, 1));
        Attrs before = fs.attrs(root);
        Wcc wcc = join(mount.remove(cred, root, "f"));
        assertFails(VfsError.NOENT, mount.lookup(cred, root, "f", AttrMask.ALL));
        assertEquals(List.of(), fs.names(root, 10));
        assertTrue(fs.attrs(root).change() > before.change());
        AttrsAssert.assertSameState(fs.attrs(root), wcc.after());
    }

    @Test
    public void removeOfADirectoryFailsIsdir() {
        FileHandle dir = fs.mkdir(root, "d");
        assertFails(VfsError.ISDIR, mount.remove(cred, root, "d"));
        assertEquals(dir, fs.lookup(root, "d"));
    }

    @Test
    public void removeOfAMissingNameFailsNoent() {
        assertFails(VfsError.NOENT, mount.remove(cred, root, "missing"));
        assertFails(VfsError.NOENT, mount.rmdir(cred, root, "missing"));
    }

    @Test
    public void removeInAFileFailsNotdir() {
        FileHandle file = fs.createFile(root, "f");
        assertFails(VfsError.NOTDIR, mount.remove(cred, file, "x"));
        assertFails(VfsError.NOTDIR, mount.rmdir(cred, file, "x"));
    }

    @Test
    public void removeOfASymlinkLeavesItsTarget() {
        requires(Capability.SYMLINKS);
        FileHandle file = fs.createFile(root, "target");
        join(mount.symlink(cred, root, "link", "target", SetAttrs.NONE));
        join(mount.remove(cred, root, "link"));
        assertEquals(file, fs.lookup(root, "target"));
        assertEquals(List.of("target"), fs.names(root, 10));
    }

    @Test
    public void rmdirRemovesAnEmptyDirectoryAndItsLinkInTheParent() {
        int links = fs.attrs(root).nlink();
        fs.mkdir(root, "d");
        assertEquals(links + 1, fs.attrs(root).nlink());
        Wcc wcc = join(mount.rmdir(cred, root, "d"));
        assertEquals(links, fs.attrs(root).nlink());
        assertEquals(links, wcc.after().nlink());
        assertFails(VfsError.NOENT, mount.lookup(cred, root, "d", AttrMask.ALL));
    }

    @Test
    public void rmdirOfANonEmptyDirectoryFailsNotempty() {
        FileHandle dir = fs.mkdir(root, "d");
        fs.createFile(dir, "f");
        assertFails(VfsError.NOTEMPTY, mount.rmdir(cred, root, "d"));
        FileHandle nested = fs.mkdir(root, "e");
        fs.mkdir(nested, "sub");
        assertFails(VfsError.NOTEMPTY, mount.rmdir(cred, root, "e"));
        assertEquals(dir, fs.lookup(root, "d"));
        assertEquals(List.of("f"), fs.names(dir, 10));
    }

    @Test
    public void rmdirOfAFileFailsNotdir() {
        FileHandle file = fs.createFile(root, "f");
        assertFails(VfsError.NOTDIR, mount.rmdir(cred, root, "f"));
        assertEquals(file, fs.lookup(root, "f"));
    }

    @Test
    public void aRemovedFileStaysReadableWhileOpenAndIsGoneAfterTheLastClose() {
        byte[] data = pattern(100_000, 2);
        FileHandle file = fs.createFile(root, "f", data);
        OpenFile open = fs.open(file);
        join(mount.remove(cred, root, "f"));
        try {
            assertArrayEquals(data, fs.read(open, 0, data.length));
        } finally {
            fs.close(open);
        }
        assertFails(VfsError.STALE, mount.getattr(cred, file, AttrMask.ALL));
    }
}

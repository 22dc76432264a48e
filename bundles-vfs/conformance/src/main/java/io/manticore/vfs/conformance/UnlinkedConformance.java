package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.MountDriver.pattern;
import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.List;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Created;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import org.junit.Test;

/** createUnlinked, linkAt and discardUnlinked: a file written first and named last. */
public class UnlinkedConformance extends ConformanceCase {

    public UnlinkedConformance(BackendUnderTest backend) {
        super(backend);
    }

    private FileHandle unlinked(byte[] content) {
        FileHandle fh = join(mount.createUnlinked(cred, root, SetAttrs.mode(0640))).fh();
        fs.write(fh, 0, content);
        return fh;
    }

    @Test
    public void anUnlinkedFileHasNoNameAndNoLink() {
        Created created = join(mount.createUnlinked(cred, root, SetAttrs.mode(0640)));
        assertEquals(FileType.REGULAR, created.attrs().type());
        assertEquals(0, fs.attrs(created.fh()).nlink());
        assertEquals(0640, fs.attrs(created.fh()).mode());
        assertEquals(List.of(), fs.names(root, 10));
        join(mount.discardUnlinked(cred, created.fh()));
    }

    @Test
    public void linkAtPublishesTheFileWithItsData() {
        byte[] data = pattern(150_000, 1);
        FileHandle fh = unlinked(data);
        join(mount.linkAt(cred, fh, root, "object", false));
        assertEquals(fh, fs.lookup(root, "object"));
        assertEquals(1, fs.attrs(fh).nlink());
        assertArrayEquals(data, fs.readAll(fs.lookup(root, "object")));
        assertEquals(List.of("object"), fs.names(root, 10));
    }

    @Test
    public void linkAtWithoutReplaceOverAnExistingNameFailsExist() {
        byte[] old = pattern(10, 2);
        FileHandle existing = fs.createFile(root, "object", old);
        FileHandle fh = unlinked(pattern(20, 3));
        assertFails(VfsError.EXIST, mount.linkAt(cred, fh, root, "object", false));
        assertEquals(existing, fs.lookup(root, "object"));
        assertArrayEquals(old, fs.readAll(existing));
        join(mount.discardUnlinked(cred, fh));
    }

    @Test
    public void linkAtWithReplaceReplacesAnExistingFile() {
        FileHandle existing = fs.createFile(root, "object", pattern(10, 4));
        byte[] data = pattern(20, 5);
        FileHandle fh = unlinked(data);
        join(mount.linkAt(cred, fh, root, "object", true));
        assertEquals(fh, fs.lookup(root, "object"));
        assertArrayEquals(data, fs.readAll(fh));
        assertEquals(List.of("object"), fs.names(root, 10));
        assertFails(VfsError.STALE, mount.getattr(cred, existing, AttrMask.ALL));
    }

    @Test
    public void linkAtWithReplaceOverADirectoryFailsIsdir() {
        FileHandle dir = fs.mkdir(root, "object");
        FileHandle fh = unlinked(new byte[] {1});
        assertFails(VfsError.ISDIR, mount.linkAt(cred, fh, root, "object", true));
        assertEquals(dir, fs.lookup(root, "object"));
        join(mount.discardUnlinked(cred, fh));
    }

    @Test
    public void discardUnlinkedFreesTheFile() {
        FileHandle fh = unlinked(pattern(1000, 6));
        join(mount.discardUnlinked(cred, fh));
        assertFails(VfsError.STALE, mount.getattr(cred, fh, AttrMask.ALL));
        assertEquals(List.of(), fs.names(root, 10));
    }

    @Test
    public void discardUnlinkedOfANamedFileFailsInval() {
        FileHandle fh = unlinked(new byte[] {1});
        join(mount.linkAt(cred, fh, root, "object", false));
        assertFails(VfsError.INVAL, mount.discardUnlinked(cred, fh));
        assertEquals(fh, fs.lookup(root, "object"));
        FileHandle named = fs.createFile(root, "plain");
        assertFails(VfsError.INVAL, mount.discardUnlinked(cred, named));
    }

    @Test
    public void createUnlinkedInAFileFailsNotdir() {
        FileHandle file = fs.createFile(root, "f");
        assertFails(VfsError.NOTDIR, mount.createUnlinked(cred, file, SetAttrs.NONE));
    }
}

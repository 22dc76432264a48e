package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.Created;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import org.junit.Test;

/** mkdir, mknod, symlink and readlink. */
public class CreateConformance extends ConformanceCase {

    public CreateConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    public void mkdirMakesAnEmptyDirectoryWithTwoLinksCountedInItsParent() {
        int parentLinks = fs.attrs(root).nlink();
        Created created = join(mount.mkdir(cred, root, "d", SetAttrs.mode(0750)));
        Attrs attrs = fs.attrs(created.fh());
        assertEquals(FileType.DIRECTORY, attrs.type());
        assertEquals(2, attrs.nlink());
        assertEquals(0750, attrs.mode());
        assertEquals(cred.uid(), attrs.uid());
        AttrsAssert.assertSameState(attrs, created.attrs());
        assertEquals(List.of(), fs.names(created.fh(), 10));
        assertEquals(parentLinks + 1, fs.attrs(root).nlink());
        assertEquals(parentLinks + 1, created.dir().after().nlink());
        assertEquals(created.fh(), fs.lookup(root, "d"));
        fs.mkdir(created.fh(), "sub");
        assertEquals(3, fs.attrs(created.fh()).nlink());
    }

    @Test
    public void mkdirReportsTheParentChanging() {
        Attrs before = fs.attrs(root);
        Created created = join(mount.mkdir(cred, root, "d", SetAttrs.NONE));
        Attrs after = fs.attrs(root);
        assertTrue("the parent's change counter grows", after.change() > before.change());
        AttrsAssert.assertSameState(after, created.dir().after());
        if (created.dir().before() != null) {
            AttrsAssert.assertSameState(before, created.dir().before());
        }
    }

    @Test
    public void mkdirOverAnExistingNameFailsExist() {
        fs.createFile(root, "file");
        fs.mkdir(root, "dir");
        assertFails(VfsError.EXIST, mount.mkdir(cred, root, "file", SetAttrs.NONE));
        assertFails(VfsError.EXIST, mount.mkdir(cred, root, "dir", SetAttrs.NONE));
        assertEquals(FileType.REGULAR, fs.attrs(fs.lookup(root, "file")).type());
    }

    @Test
    public void mkdirInAFileFailsNotdir() {
        FileHandle file = fs.createFile(root, "file");
        assertFails(VfsError.NOTDIR, mount.mkdir(cred, file, "d", SetAttrs.NONE));
    }

    @Test
    public void mknodMakesAFifoAndASocket() {
        Created fifo = join(mount.mknod(cred, root, "fifo", FileType.FIFO, SetAttrs.mode(0600), 0));
        Created socket = join(mount.mknod(cred, root, "sock", FileType.SOCKET, SetAttrs.mode(0600), 0));
        assertEquals(FileType.FIFO, fs.attrs(fifo.fh()).type());
        assertEquals(FileType.SOCKET, fs.attrs(socket.fh()).type());
        assertEquals(0600, fs.attrs(fifo.fh()).mode());
        assertEquals(1, fs.attrs(fifo.fh()).nlink());
        assertEquals(0, fs.attrs(fifo.fh()).size());
        assertEquals(fifo.fh(), fs.lookup(root, "fifo"));
    }

    @Test
    public void mknodMakesDevicesWithTheirNumbers() {
        requiresPrivilege();
        long rdev = (5L << 32) | 1;
        Created chr = join(mount.mknod(cred, root, "chr", FileType.CHAR_DEVICE, SetAttrs.mode(0600), rdev));
        Created blk = join(mount.mknod(cred, root, "blk", FileType.BLOCK_DEVICE, SetAttrs.mode(0600), (8L << 32) | 3));
        assertEquals(FileType.CHAR_DEVICE, fs.attrs(chr.fh()).type());
        assertEquals(rdev, fs.attrs(chr.fh()).rdev());
        assertEquals(FileType.BLOCK_DEVICE, fs.attrs(blk.fh()).type());
        assertEquals((8L << 32) | 3, fs.attrs(blk.fh()).rdev());
    }

    @Test
    public void mknodOfARegularFileOrDirectoryFailsBadtype() {
        assertFails(VfsError.BADTYPE, mount.mknod(cred, root, "r", FileType.REGULAR, SetAttrs.NONE, 0));
        assertFails(VfsError.BADTYPE, mount.mknod(cred, root, "d", FileType.DIRECTORY, SetAttrs.NONE, 0));
        assertFails(VfsError.NOENT, mount.lookup(cred, root, "r", AttrMask.ALL));
    }

    @Test
    public void mknodOverAnExistingNameFailsExist() {
        fs.createFile(root, "file");
        assertFails(VfsError.EXIST, mount.mknod(cred, root, "file", FileType.FIFO, SetAttrs.NONE, 0));
    }

    @Test
    public void symlinkStoresItsTargetByteForByte() {
        requires(Capability.SYMLINKS);
        String target = "../some where/ünïcødé/日本/x";
        Created link = join(mount.symlink(cred, root, "link", target, SetAttrs.NONE));
        assertEquals(target, join(mount.readlink(cred, link.fh())));
        Attrs attrs = fs.attrs(link.fh());
        assertEquals(FileType.SYMLINK, attrs.type());
        assertEquals(target.getBytes(StandardCharsets.UTF_8).length, attrs.size());
        assertEquals(1, attrs.nlink());
        assertEquals(link.fh(), fs.lookup(root, "link"));
    }

    @Test
    public void lookupOfASymlinkDoesNotFollowIt() {
        requires(Capability.SYMLINKS);
        fs.mkdir(root, "dir");
        FileHandle link = join(mount.symlink(cred, root, "link", "dir", SetAttrs.NONE)).fh();
        assertEquals(FileType.SYMLINK, join(mount.lookup(cred, root, "link", AttrMask.ALL)).attrs().type());
        assertEquals(link, fs.lookup(root, "link"));
    }

    @Test
    public void aSymlinkToNothingIsAllowed() {
        requires(Capability.SYMLINKS);
        Created link = join(mount.symlink(cred, root, "dangling", "nowhere/at/all", SetAttrs.NONE));
        assertEquals("nowhere/at/all", join(mount.readlink(cred, link.fh())));
    }

    @Test
    public void symlinkOverAnExistingNameFailsExist() {
        requires(Capability.SYMLINKS);
        fs.createFile(root, "file");
        assertFails(VfsError.EXIST, mount.symlink(cred, root, "file", "x", SetAttrs.NONE));
        assertEquals(FileType.REGULAR, fs.attrs(fs.lookup(root, "file")).type());
    }

    @Test
    public void readlinkOfAnythingButASymlinkFailsInval() {
        FileHandle file = fs.createFile(root, "file");
        FileHandle dir = fs.mkdir(root, "dir");
        assertFails(VfsError.INVAL, mount.readlink(cred, file));
        assertFails(VfsError.INVAL, mount.readlink(cred, dir));
    }
}

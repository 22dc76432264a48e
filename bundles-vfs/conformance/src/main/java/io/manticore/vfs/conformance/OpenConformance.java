package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.MountDriver.pattern;
import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.Opened;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import org.junit.Test;

/** openAt in every create mode, and open by handle. */
public class OpenConformance extends ConformanceCase {

    private static final long VERIFIER = 0x1122334455667788L;

    public OpenConformance(BackendUnderTest backend) {
        super(backend);
    }

    private Opened openAt(String name, OpenFlags flags) {
        Opened opened = join(mount.openAt(cred, root, name, flags, SetAttrs.NONE, AttrMask.ALL));
        fs.close(opened.file());
        return opened;
    }

    @Test
    public void openExistingOfAMissingNameFailsNoent() {
        assertFails(VfsError.NOENT, mount.openAt(cred, root, "missing", OpenFlags.READ, SetAttrs.NONE, AttrMask.ALL));
        assertFails(VfsError.NOENT, mount.lookup(cred, root, "missing", AttrMask.ALL));
    }

    @Test
    public void openExistingOpensTheFileWithItsData() {
        byte[] data = pattern(100, 1);
        FileHandle file = fs.createFile(root, "f", data);
        Opened opened = join(mount.openAt(cred, root, "f", OpenFlags.READ_WRITE, SetAttrs.NONE, AttrMask.ALL));
        try {
            assertFalse(opened.created());
            assertEquals(file, opened.file().handle());
            assertEquals(100, opened.attrs().size());
            assertArrayEquals(data, fs.read(opened.file(), 0, 100));
        } finally {
            fs.close(opened.file());
        }
    }

    @Test
    public void uncheckedCreatesAMissingFileAndOpensAnExistingOneAsItIs() {
        Opened first = openAt("f", OpenFlags.create(CreateMode.OPEN_OR_CREATE));
        assertTrue(first.created());
        assertEquals(FileType.REGULAR, first.attrs().type());
        assertEquals(first.file().handle(), fs.lookup(root, "f"));
        fs.write(first.file().handle(), 0, new byte[] {1, 2, 3});
        Opened second = openAt("f", OpenFlags.create(CreateMode.OPEN_OR_CREATE));
        assertFalse(second.created());
        assertEquals(first.file().handle(), second.file().handle());
        assertArrayEquals(new byte[] {1, 2, 3}, fs.readAll(second.file().handle()));
    }

    @Test
    public void createReportsTheDirectoryChanging() {
        long changeBefore = fs.attrs(root).change();
        Opened opened = openAt("f", OpenFlags.create(CreateMode.CREATE_NEW));
        assertTrue(opened.created());
        assertTrue(fs.attrs(root).change() > changeBefore);
        AttrsAssert.assertSameState(fs.attrs(root), opened.dir().after());
    }

    @Test
    public void guardedCreateOfAnExistingNameFailsExist() {
        byte[] data = pattern(10, 2);
        FileHandle file = fs.createFile(root, "f", data);
        fs.mkdir(root, "d");
        assertFails(VfsError.EXIST, mount.openAt(cred, root, "f", OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.NONE,
                AttrMask.ALL));
        assertFails(VfsError.EXIST, mount.openAt(cred, root, "d", OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.NONE,
                AttrMask.ALL));
        assertArrayEquals(data, fs.readAll(file));
    }

    @Test
    public void exclusiveCreateRepeatedWithItsVerifierSucceedsAsARetry() {
        Opened first = openAt("f", OpenFlags.exclusive(VERIFIER));
        assertTrue(first.created());
        Opened retry = openAt("f", OpenFlags.exclusive(VERIFIER));
        assertEquals(first.file().handle(), retry.file().handle());
        assertEquals(FileType.REGULAR, retry.attrs().type());
        assertEquals(1, fs.names(root, 10).size());
    }

    @Test
    public void exclusiveCreateWithAnotherVerifierFailsExist() {
        openAt("f", OpenFlags.exclusive(VERIFIER));
        assertFails(VfsError.EXIST, mount.openAt(cred, root, "f", OpenFlags.exclusive(VERIFIER + 1), SetAttrs.NONE,
                AttrMask.ALL));
    }

    @Test
    public void exclusiveCreateOverAFileMadeOtherwiseFailsExist() {
        fs.createFile(root, "f");
        fs.mkdir(root, "d");
        assertFails(VfsError.EXIST, mount.openAt(cred, root, "f", OpenFlags.exclusive(VERIFIER), SetAttrs.NONE,
                AttrMask.ALL));
        assertFails(VfsError.EXIST, mount.openAt(cred, root, "d", OpenFlags.exclusive(VERIFIER), SetAttrs.NONE,
                AttrMask.ALL));
    }

    @Test
    public void aTruncatingOpenEmptiesAnExistingFile() {
        FileHandle file = fs.createFile(root, "f", pattern(70_000, 3));
        Opened opened = openAt("f", OpenFlags.READ_WRITE.truncating());
        assertEquals(0, opened.attrs().size());
        assertEquals(0, fs.attrs(file).size());
        assertArrayEquals(new byte[0], fs.readAll(file));
    }

    @Test
    public void createAttributesAreApplied() {
        Opened opened = join(mount.openAt(cred, root, "f", OpenFlags.create(CreateMode.CREATE_NEW),
                SetAttrs.mode(0604).withSize(5000), AttrMask.ALL));
        fs.close(opened.file());
        assertEquals(0604, fs.attrs(opened.file().handle()).mode());
        assertEquals(5000, fs.attrs(opened.file().handle()).size());
        assertArrayEquals(new byte[5000], fs.readAll(opened.file().handle()));
    }

    @Test
    public void openingADirectoryFailsIsdir() {
        FileHandle dir = fs.mkdir(root, "d");
        assertFails(VfsError.ISDIR, mount.openAt(cred, root, "d", OpenFlags.create(CreateMode.OPEN_OR_CREATE),
                SetAttrs.NONE, AttrMask.ALL));
        assertFails(VfsError.ISDIR, mount.openAt(cred, root, "d", OpenFlags.READ, SetAttrs.NONE, AttrMask.ALL));
        assertFails(VfsError.ISDIR, mount.open(cred, dir, true));
        assertFails(VfsError.ISDIR, mount.open(cred, dir, false));
    }

    @Test
    public void openAtInAFileFailsNotdir() {
        FileHandle file = fs.createFile(root, "f");
        assertFails(VfsError.NOTDIR, mount.openAt(cred, file, "x", OpenFlags.create(CreateMode.OPEN_OR_CREATE),
                SetAttrs.NONE, AttrMask.ALL));
    }
}

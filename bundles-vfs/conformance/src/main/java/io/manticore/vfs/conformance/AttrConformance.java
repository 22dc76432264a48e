package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.MountDriver.pattern;
import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.Arrays;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.Opened;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.TimeSpec;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.Wcc;
import org.junit.Test;

/** getattr and setattr: mode, owner, size, times, the guard. */
public class AttrConformance extends ConformanceCase {

    private static final long ATIME = 1_600_000_000_123_456_789L;
    private static final long MTIME = 1_500_000_000_987_654_321L;

    public AttrConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    public void aNewFileIsAnEmptyRegularFileOfTheCallerWithOneLink() {
        Opened opened = join(mount.openAt(cred, root, "f", OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.mode(0640),
                AttrMask.ALL));
        fs.close(opened.file());
        Attrs attrs = fs.attrs(opened.file().handle());
        assertEquals(FileType.REGULAR, attrs.type());
        assertEquals(0, attrs.size());
        assertEquals(1, attrs.nlink());
        assertEquals(0640, attrs.mode());
        assertEquals(cred.uid(), attrs.uid());
        assertEquals(cred.gid(), attrs.gid());
        assertEquals(0, attrs.rdev());
        AttrsAssert.assertSameState(attrs, opened.attrs());
    }

    @Test
    public void setattrModeSetsExactlyThePermissionAndSetIdBits() {
        FileHandle file = fs.createFile(root, "f");
        for (int mode : new int[] {0600, 0, 0777, 04750, 02750, 06755}) {
            fs.setattr(file, SetAttrs.mode(mode));
            assertEquals(Integer.toOctalString(mode), Integer.toOctalString(fs.attrs(file).mode()));
        }
        FileHandle dir = fs.mkdir(root, "d");
        fs.setattr(dir, SetAttrs.mode(01777));
        assertEquals("1777", Integer.toOctalString(fs.attrs(dir).mode()));
        assertEquals(FileType.DIRECTORY, fs.attrs(dir).type());
    }

    @Test
    public void setattrReturnsTheAttributesBeforeAndAfter() {
        FileHandle file = fs.createFile(root, "f");
        fs.setattr(file, SetAttrs.mode(0644));
        Attrs current = fs.attrs(file);
        Wcc wcc = join(mount.setattr(cred, file, SetAttrs.mode(0600), Guard.NONE));
        if (wcc.before() != null) {
            assertEquals(0644, wcc.before().mode());
            assertEquals(current.ctime(), wcc.before().ctime());
        }
        assertEquals(0600, wcc.after().mode());
        AttrsAssert.assertSameState(fs.attrs(file), wcc.after());
    }

    @Test
    public void setattrMovesTheChangeCounterAndNotTheMtime() {
        FileHandle file = fs.createFile(root, "f");
        fs.setattr(file, SetAttrs.NONE.withTimes(null, TimeSpec.of(MTIME)));
        Attrs before = fs.attrs(file);
        fs.setattr(file, SetAttrs.mode(0600));
        Attrs after = fs.attrs(file);
        assertTrue("change counter grows", after.change() > before.change());
        assertTrue("ctime does not go back", after.ctime() >= before.ctime());
        assertEquals(MTIME, after.mtime());
    }

    @Test
    public void setattrOwnerSetsUidAndGidIndependently() {
        requiresPrivilege();
        FileHandle file = fs.createFile(root, "f");
        fs.setattr(file, SetAttrs.NONE.withOwner(2000, 3000));
        assertEquals(2000, fs.attrs(file).uid());
        assertEquals(3000, fs.attrs(file).gid());
        fs.setattr(file, SetAttrs.NONE.withOwner(null, 3001));
        assertEquals(2000, fs.attrs(file).uid());
        assertEquals(3001, fs.attrs(file).gid());
        fs.setattr(file, SetAttrs.NONE.withOwner(2001, null));
        assertEquals(2001, fs.attrs(file).uid());
        assertEquals(3001, fs.attrs(file).gid());
    }

    @Test
    public void changingTheOwnerOfAnExecutableDropsItsSetIdBits() {
        requiresPrivilege();
        FileHandle file = fs.createFile(root, "f");
        fs.setattr(file, SetAttrs.mode(06755));
        fs.setattr(file, SetAttrs.NONE.withOwner(2000, null));
        assertEquals("755", Integer.toOctalString(fs.attrs(file).mode()));
    }

    @Test
    public void truncatingDropsTheTail() {
        byte[] data = pattern(100_000, 1);
        FileHandle file = fs.createFile(root, "f", data);
        fs.setattr(file, SetAttrs.NONE.withSize(1234));
        assertEquals(1234, fs.attrs(file).size());
        assertArrayEquals(Arrays.copyOf(data, 1234), fs.readAll(file));
        fs.setattr(file, SetAttrs.NONE.withSize(0));
        assertEquals(0, fs.attrs(file).size());
        assertArrayEquals(new byte[0], fs.readAll(file));
    }

    @Test
    public void extendingReadsAsZeros() {
        byte[] data = pattern(1000, 2);
        FileHandle file = fs.createFile(root, "f", data);
        fs.setattr(file, SetAttrs.NONE.withSize(300_000));
        assertEquals(300_000, fs.attrs(file).size());
        assertArrayEquals(Arrays.copyOf(data, 300_000), fs.readAll(file));
    }

    @Test
    public void truncatingThenExtendingReadsZerosWhereTheDataWas() {
        byte[] data = pattern(200_000, 3);
        FileHandle file = fs.createFile(root, "f", data);
        fs.setattr(file, SetAttrs.NONE.withSize(70_001));
        fs.setattr(file, SetAttrs.NONE.withSize(200_000));
        assertArrayEquals(Arrays.copyOf(Arrays.copyOf(data, 70_001), 200_000), fs.readAll(file));
    }

    @Test
    public void aSizeChangeMovesTheMtime() {
        FileHandle file = fs.createFile(root, "f", pattern(10, 4));
        fs.setattr(file, SetAttrs.NONE.withTimes(null, TimeSpec.of(MTIME)));
        fs.setattr(file, SetAttrs.NONE.withSize(5));
        assertTrue(fs.attrs(file).mtime() > MTIME);
    }

    @Test
    public void settingTheSizeOfADirectoryFailsIsdir() {
        FileHandle dir = fs.mkdir(root, "d");
        assertFails(VfsError.ISDIR, mount.setattr(cred, dir, SetAttrs.NONE.withSize(0), Guard.NONE));
    }

    @Test
    public void explicitTimesAreStoredToTheNanosecond() {
        FileHandle file = fs.createFile(root, "f");
        fs.setattr(file, SetAttrs.NONE.withTimes(TimeSpec.of(ATIME), TimeSpec.of(MTIME)));
        Attrs attrs = fs.attrs(file);
        assertEquals(ATIME, attrs.atime());
        assertEquals(MTIME, attrs.mtime());
    }

    @Test
    public void settingOneTimeLeavesTheOther() {
        FileHandle file = fs.createFile(root, "f");
        fs.setattr(file, SetAttrs.NONE.withTimes(TimeSpec.of(ATIME), TimeSpec.of(MTIME)));
        fs.setattr(file, SetAttrs.NONE.withTimes(TimeSpec.of(ATIME + 1), null));
        assertEquals(ATIME + 1, fs.attrs(file).atime());
        assertEquals(MTIME, fs.attrs(file).mtime());
        fs.setattr(file, SetAttrs.NONE.withTimes(null, TimeSpec.of(MTIME + 1)));
        assertEquals(ATIME + 1, fs.attrs(file).atime());
        assertEquals(MTIME + 1, fs.attrs(file).mtime());
    }

    @Test
    public void serverTimeSetsBothTimesToTheServersClock() {
        FileHandle file = fs.createFile(root, "f");
        fs.setattr(file, SetAttrs.NONE.withTimes(TimeSpec.of(ATIME), TimeSpec.of(MTIME)));
        long start = nowNanos();
        fs.setattr(file, SetAttrs.NONE.withTimes(TimeSpec.SERVER_TIME, TimeSpec.SERVER_TIME));
        long end = nowNanos();
        Attrs attrs = fs.attrs(file);
        // a host file system stamps times from a coarse clock: allow one second either side
        long slack = 1_000_000_000L;
        assertTrue("atime " + attrs.atime() + " in [" + start + ", " + end + "]",
                attrs.atime() >= start - slack && attrs.atime() <= end + slack);
        assertTrue("mtime " + attrs.mtime() + " in [" + start + ", " + end + "]",
                attrs.mtime() >= start - slack && attrs.mtime() <= end + slack);
    }

    @Test
    public void aGuardWithTheCurrentCtimeAdmitsTheChange() {
        FileHandle file = fs.createFile(root, "f");
        long ctime = fs.attrs(file).ctime();
        Wcc wcc = join(mount.setattr(cred, file, SetAttrs.mode(0600), Guard.ctime(ctime)));
        assertEquals(0600, wcc.after().mode());
        assertEquals(0600, fs.attrs(file).mode());
    }

    @Test
    public void aGuardWithAnotherCtimeFailsNotSyncAndChangesNothing() {
        FileHandle file = fs.createFile(root, "f");
        fs.setattr(file, SetAttrs.mode(0644));
        Attrs before = fs.attrs(file);
        assertFails(VfsError.NOT_SYNC, mount.setattr(cred, file, SetAttrs.mode(0600).withSize(10),
                Guard.ctime(before.ctime() - 1)));
        AttrsAssert.assertSameState(before, fs.attrs(file));
    }

    @Test
    public void getattrOfEveryKindReportsItsType() {
        requires(Capability.SYMLINKS);
        FileHandle file = fs.createFile(root, "f");
        FileHandle dir = fs.mkdir(root, "d");
        FileHandle link = join(mount.symlink(cred, root, "l", "f", SetAttrs.NONE)).fh();
        assertEquals(FileType.REGULAR, fs.attrs(file).type());
        assertEquals(FileType.DIRECTORY, fs.attrs(dir).type());
        assertEquals(FileType.SYMLINK, fs.attrs(link).type());
        assertEquals(FileType.DIRECTORY, fs.attrs(root).type());
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

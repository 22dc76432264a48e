package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.assertFails;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.util.EnumSet;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.Created;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.TimeSpec;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.Wcc;
import io.manticore.testkit.LeakCheck;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsLookupAndAttrsTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();

    @After
    public void unmount() {
        fx.close();
        fx = null;
    }

    @Test
    public void moduleNamesItselfAndAdvertisesItsCapabilities() {
        MemfsModule module = new MemfsModule();
        assertEquals("memfs", module.name());
        EnumSet<Capability> expected = EnumSet.of(Capability.XATTR, Capability.HARDLINKS, Capability.SYMLINKS,
                Capability.SPARSE, Capability.CLONE, Capability.HANDOVER);
        assertEquals(expected, module.capabilities());
        assertEquals(expected, fx.mount.capabilities());
    }

    @Test
    public void rootIsADirectoryWithTwoLinksOwnedByRoot() {
        Attrs root = fx.attrs(fx.root);
        assertEquals(FileType.DIRECTORY, root.type());
        assertEquals(2, root.nlink());
        assertEquals(0755, root.mode());
        assertEquals(0, root.uid());
        assertEquals(0, root.gid());
        assertEquals(InodeTable.ROOT, root.fileId());
        assertEquals(MemfsFixture.MOUNT_ID, fx.root.mountId());
        assertEquals(16 + Handles.FRAGMENT_BYTES, fx.root.length());
    }

    @Test
    public void getParentOfTheRootIsTheRoot() {
        Lookup parent = join(fx.mount.getParent(USER, fx.root, AttrMask.ALL));
        assertEquals(fx.root, parent.fh());
        assertEquals(fx.attrs(fx.root), parent.attrs());
    }

    @Test
    public void getParentOfASubdirectoryIsItsDirectory() {
        FileHandle a = fx.mkdir(fx.root, "a");
        FileHandle b = fx.mkdir(a, "b");
        assertEquals(a, join(fx.mount.getParent(USER, b, AttrMask.ALL)).fh());
        assertFails(VfsError.NOTDIR, fx.mount.getParent(USER, fx.createFile(a, "f"), AttrMask.ALL));
    }

    @Test
    public void lookupReturnsTheObjectItsAttributesAndTheDirectorys() {
        FileHandle file = fx.createFile(fx.root, "file", new byte[] {1, 2, 3});
        Lookup found = join(fx.mount.lookup(USER, fx.root, "file", AttrMask.ALL));
        assertEquals(file, found.fh());
        assertEquals(3, found.attrs().size());
        assertEquals(FileType.REGULAR, found.attrs().type());
        assertEquals(fx.attrs(fx.root), found.dirAttrs());
    }

    @Test
    public void lookupOfAMissingNameFailsNoentAndInAFileFailsNotdir() {
        assertFails(VfsError.NOENT, fx.mount.lookup(USER, fx.root, "missing", AttrMask.ALL));
        FileHandle file = fx.createFile(fx.root, "file");
        assertFails(VfsError.NOTDIR, fx.mount.lookup(USER, file, "x", AttrMask.ALL));
    }

    @Test
    public void aFragmentOfTheWrongLengthIsABadHandle() {
        assertFails(VfsError.BADHANDLE, fx.mount.getattr(USER, FileHandle.of(MemfsFixture.MOUNT_ID, new byte[11]),
                AttrMask.ALL));
        assertFails(VfsError.BADHANDLE, fx.mount.getattr(USER, FileHandle.of(MemfsFixture.MOUNT_ID, new byte[13]),
                AttrMask.ALL));
    }

    @Test
    public void aHandleWithAnotherGenerationOrInodeOrMountIsStale() {
        FileHandle file = fx.createFile(fx.root, "file");
        byte[] fragment = file.fragment();
        ByteBuffer b = ByteBuffer.wrap(fragment);
        long ino = b.getLong();
        int generation = b.getInt();
        byte[] otherGeneration = ByteBuffer.allocate(12).putLong(ino).putInt(generation + 1).array();
        byte[] otherInode = ByteBuffer.allocate(12).putLong(ino + 1000).putInt(generation).array();
        assertFails(VfsError.STALE, fx.mount.getattr(USER, FileHandle.of(MemfsFixture.MOUNT_ID, otherGeneration),
                AttrMask.ALL));
        assertFails(VfsError.STALE, fx.mount.getattr(USER, FileHandle.of(MemfsFixture.MOUNT_ID, otherInode),
                AttrMask.ALL));
        assertFails(VfsError.STALE, fx.mount.getattr(USER, FileHandle.of(MountId.forName("other"), fragment),
                AttrMask.ALL));
    }

    @Test
    public void newObjectsBelongToTheCallerWithDefaultModes() {
        Attrs file = fx.attrs(fx.createFile(fx.root, "f"));
        Attrs dir = join(fx.mount.mkdir(USER, fx.root, "d", SetAttrs.NONE)).attrs();
        Attrs link = join(fx.mount.symlink(USER, fx.root, "l", "f", SetAttrs.NONE)).attrs();
        assertEquals(0644, file.mode());
        assertEquals(0755, dir.mode());
        assertEquals(0777, link.mode());
        for (Attrs a : new Attrs[] {file, dir, link}) {
            assertEquals(1000, a.uid());
            assertEquals(1000, a.gid());
        }
        assertEquals(1, file.nlink());
        assertEquals(2, dir.nlink());
        Attrs explicit = join(fx.mount.mkdir(USER, fx.root, "e", SetAttrs.mode(0700).withOwner(5, 6))).attrs();
        assertEquals(0700, explicit.mode());
        assertEquals(5, explicit.uid());
        assertEquals(6, explicit.gid());
    }

    @Test
    public void aSetgidDirectoryPassesItsGroupOnAndItsBitToNewDirectories() {
        join(fx.mount.setattr(USER, fx.root, SetAttrs.mode(02775).withOwner(null, 500), Guard.NONE));
        Attrs dir = join(fx.mount.mkdir(USER, fx.root, "d", SetAttrs.mode(0750))).attrs();
        Attrs file = fx.attrs(fx.createFile(fx.root, "f"));
        assertEquals(500, dir.gid());
        assertEquals(02750, dir.mode());
        assertEquals(500, file.gid());
        assertEquals(0644, file.mode());
        assertEquals(1000, file.uid());
    }

    @Test
    public void mkdirUpdatesTheParentsLinkCountAndTimes() {
        Attrs before = fx.attrs(fx.root);
        fx.clockSource.set(before.ctime() + 5_000);
        Created created = join(fx.mount.mkdir(USER, fx.root, "d", SetAttrs.NONE));
        assertEquals(before, created.dir().before());
        Attrs after = created.dir().after();
        assertEquals(3, after.nlink());
        assertEquals(before.ctime() + 5_000, after.mtime());
        assertEquals(before.ctime() + 5_000, after.ctime());
        assertTrue(after.change() > before.change());
        assertEquals(after, fx.attrs(fx.root));
        assertEquals(before.ctime() + 5_000, created.attrs().birthtime());
    }

    @Test
    public void setattrChangesModeOwnerAndTimesAndBumpsCtimeAndChange() {
        FileHandle file = fx.createFile(fx.root, "f");
        Attrs before = fx.attrs(file);
        long now = before.ctime() + 1_000_000;
        fx.clockSource.set(now);
        SetAttrs set = new SetAttrs(0600, 7, 8, null, TimeSpec.of(123_456_789L), TimeSpec.SERVER_TIME, 42L);
        Wcc wcc = join(fx.mount.setattr(USER, file, set, Guard.ctime(before.ctime())));
        assertEquals(before, wcc.before());
        Attrs after = wcc.after();
        assertEquals(0600, after.mode());
        assertEquals(7, after.uid());
        assertEquals(8, after.gid());
        assertEquals(123_456_789L, after.atime());
        assertEquals(now, after.mtime());
        assertEquals(now, after.ctime());
        assertEquals(42L, after.birthtime());
        assertEquals(before.change() + 1, after.change());
        assertEquals(after, fx.attrs(file));
    }

    @Test
    public void aGuardOnAnOldCtimeFailsNotSyncAndChangesNothing() {
        FileHandle file = fx.createFile(fx.root, "f");
        Attrs before = fx.attrs(file);
        assertFails(VfsError.NOT_SYNC, fx.mount.setattr(USER, file, SetAttrs.mode(0600), Guard.ctime(before.ctime() - 1)));
        assertEquals(before, fx.attrs(file));
    }

    @Test
    public void chownClearsSetuidAndSetgidOfARegularFileButNotOfADirectory() {
        FileHandle file = fx.createFile(fx.root, "f");
        FileHandle dir = fx.mkdir(fx.root, "d");
        join(fx.mount.setattr(USER, file, SetAttrs.mode(06755), Guard.NONE));
        join(fx.mount.setattr(USER, dir, SetAttrs.mode(02755), Guard.NONE));
        join(fx.mount.setattr(USER, file, SetAttrs.NONE.withOwner(2000, null), Guard.NONE));
        join(fx.mount.setattr(USER, dir, SetAttrs.NONE.withOwner(2000, null), Guard.NONE));
        assertEquals(0755, fx.attrs(file).mode());
        assertEquals(2000, fx.attrs(file).uid());
        assertEquals(02755, fx.attrs(dir).mode());
    }

    @Test
    public void aSizeOnADirectoryFailsIsdirAndOnASymlinkInval() {
        FileHandle dir = fx.mkdir(fx.root, "d");
        FileHandle link = join(fx.mount.symlink(USER, fx.root, "l", "d", SetAttrs.NONE)).fh();
        assertFails(VfsError.ISDIR, fx.mount.setattr(USER, dir, SetAttrs.NONE.withSize(0), Guard.NONE));
        assertFails(VfsError.INVAL, fx.mount.setattr(USER, link, SetAttrs.NONE.withSize(0), Guard.NONE));
    }

    @Test
    public void aSizeChangeBumpsMtimeAndAnEmptySetattrChangesNothing() {
        FileHandle file = fx.createFile(fx.root, "f", new byte[100]);
        Attrs before = fx.attrs(file);
        Wcc none = join(fx.mount.setattr(USER, file, SetAttrs.NONE, Guard.NONE));
        assertEquals(before, none.after());
        long now = before.ctime() + 77;
        fx.clockSource.set(now);
        Attrs after = join(fx.mount.setattr(USER, file, SetAttrs.NONE.withSize(10), Guard.NONE)).after();
        assertEquals(10, after.size());
        assertEquals(now, after.mtime());
        assertEquals(now, after.ctime());
    }

    @Test
    public void spaceUsedCountsBlockCapacityAndTheChangeCounterGrowsWithEachChange() {
        FileHandle file = fx.createFile(fx.root, "f");
        Attrs empty = fx.attrs(file);
        assertEquals(0, empty.spaceUsed());
        fx.write(file, 0, new byte[] {1});
        Attrs one = fx.attrs(file);
        assertEquals(1, one.size());
        assertEquals(Blocks.MIN_SIZE, one.spaceUsed());
        assertTrue(one.change() > empty.change());
        fx.write(file, MemfsFixture.BLOCK * 3L, new byte[] {2});
        Attrs sparse = fx.attrs(file);
        assertEquals(MemfsFixture.BLOCK * 3L + 1, sparse.size());
        assertEquals(2L * MemfsFixture.BLOCK, sparse.spaceUsed());
        assertTrue(sparse.change() > one.change());
        assertTrue(sparse.mtime() > one.mtime());
    }

    @Test
    public void aSymlinksSizeIsItsTargetsUtf8Length() {
        Attrs link = join(fx.mount.symlink(USER, fx.root, "l", "dé/x", SetAttrs.NONE)).attrs();
        assertEquals(FileType.SYMLINK, link.type());
        assertEquals(5, link.size());
    }
}

package io.manticore.core.internal.vfs;

import static io.manticore.core.internal.vfs.VfsFixture.ALICE;
import static io.manticore.core.internal.vfs.VfsFixture.BOB;
import static io.manticore.core.internal.vfs.VfsFixture.ROOT;
import static io.manticore.core.internal.vfs.VfsFixture.buffer;
import static io.manticore.core.internal.vfs.VfsFixture.bytes;
import static io.manticore.core.internal.vfs.VfsFixture.error;
import static io.manticore.core.internal.vfs.VfsFixture.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.manticore.api.admin.OpStats;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsChange.Kind;
import io.manticore.api.vfs.VfsChange;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.XattrMode;
import io.manticore.testkit.LeakCheck;
import io.manticore.vfs.memfs.internal.MemfsModule;
import io.netty.buffer.ByteBuf;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** The Vfs over a real memfs mount: names, the namespace, permissions, counters and change events. */
public class VfsOperationsTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private VfsFixture fx;
    private FileHandle root;
    private final List<VfsChange> changes = Collections.synchronizedList(new ArrayList<>());

    @Before
    public void mountMemfs() {
        fx = new VfsFixture();
        fx.bind(new MemfsModule());
        fx.mount("mem", VfsFixture.memfs("memfs"));
        fx.mount("mem2", VfsFixture.memfs("memfs"));
        fx.core.listenerAdded(changes::add);
        root = fx.root("mem");
        join(fx.vfs.setattr(ROOT, root, SetAttrs.mode(0777), Guard.NONE));
        changes.clear();
    }

    @After
    public void close() {
        fx.close();
    }

    @Test
    public void writtenDataReadsBackByteForByte() {
        byte[] data = new byte[300_000];
        new Random(42).nextBytes(data);
        FileHandle fh = fx.createFile(ALICE, root, "big", data);
        assertArrayEquals(data, fx.read(ALICE, fh, data.length));
        assertEquals(data.length, join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).size());
    }

    @Test
    public void rootOfAnUnknownMountIsNoent() {
        try {
            fx.root("nothing");
            fail("expected NOENT");
        } catch (VfsException e) {
            assertEquals(VfsError.NOENT, e.error());
        }
    }

    @Test
    public void aHandleOfNoMountIsStale() {
        FileHandle stray = FileHandle.of(MountId.forName("nothing"), new byte[] {1, 2, 3});
        assertEquals(VfsError.STALE, error(fx.vfs.getattr(ROOT, stray, AttrMask.ALL)));
        assertEquals(VfsError.STALE, error(fx.vfs.lookup(ROOT, stray, "a", AttrMask.ALL)));
        try {
            fx.vfs.capabilities(stray);
            fail("expected STALE");
        } catch (VfsException e) {
            assertEquals(VfsError.STALE, e.error());
        }
    }

    @Test
    public void capabilitiesAreTheMounts() {
        assertTrue(fx.vfs.capabilities(root).contains(Capability.HANDOVER));
        assertFalse(fx.vfs.capabilities(root).contains(Capability.BLOCKING));
    }

    @Test
    public void resolveWalksAbsolutePaths() {
        FileHandle dir = fx.mkdir(ALICE, root, "a", 0755);
        FileHandle file = fx.createFile(ALICE, dir, "b", bytes("hello"));
        assertEquals(file, join(fx.vfs.resolve(ALICE, "/mem/a/b")).fh());
        assertEquals(5, join(fx.vfs.resolve(ALICE, "/mem/a/b")).attrs().size());
        assertEquals(root, join(fx.vfs.resolve(ALICE, "/mem")).fh());
        assertEquals(dir, join(fx.vfs.resolve(ALICE, "/mem/a/./")).fh());
        assertEquals(root, join(fx.vfs.resolve(ALICE, "/mem/a/..")).fh());
        assertEquals(VfsError.NOENT, error(fx.vfs.resolve(ALICE, "/nothing/a")));
        assertEquals(VfsError.NOENT, error(fx.vfs.resolve(ALICE, "/mem/a/missing")));
        assertEquals(VfsError.NOTDIR, error(fx.vfs.resolve(ALICE, "/mem/a/b/c")));
        assertEquals(VfsError.INVAL, error(fx.vfs.resolve(ALICE, "mem/a")));
        join(fx.vfs.setattr(ALICE, dir, SetAttrs.mode(0700), Guard.NONE));
        assertEquals(VfsError.ACCES, error(fx.vfs.resolve(BOB, "/mem/a/b")));
    }

    @Test
    public void dotIsTheDirectoryAndDotDotItsParent() {
        FileHandle dir = fx.mkdir(ALICE, root, "d", 0755);
        Lookup self = join(fx.vfs.lookup(ALICE, dir, ".", AttrMask.ALL));
        assertEquals(dir, self.fh());
        assertTrue(self.attrs().isDirectory());
        assertEquals(root, join(fx.vfs.lookup(ALICE, dir, "..", AttrMask.ALL)).fh());
        assertEquals(root, join(fx.vfs.lookup(ALICE, root, "..", AttrMask.ALL)).fh());
        assertEquals(root, join(fx.vfs.getParent(ALICE, dir, AttrMask.ALL)).fh());
    }

    @Test
    public void invalidNamesAreRefused() {
        assertEquals(VfsError.INVAL, error(fx.vfs.lookup(ALICE, root, "", AttrMask.ALL)));
        assertEquals(VfsError.INVAL, error(fx.vfs.lookup(ALICE, root, "a/b", AttrMask.ALL)));
        assertEquals(VfsError.INVAL, error(fx.vfs.lookup(ALICE, root, "a\0b", AttrMask.ALL)));
        assertEquals(VfsError.NAMETOOLONG, error(fx.vfs.lookup(ALICE, root, "x".repeat(256), AttrMask.ALL)));
        assertEquals(VfsError.INVAL, error(fx.vfs.mkdir(ALICE, root, ".", SetAttrs.NONE)));
        assertEquals(VfsError.INVAL, error(fx.vfs.mkdir(ALICE, root, "..", SetAttrs.NONE)));
        assertEquals(VfsError.INVAL, error(fx.vfs.openAt(ALICE, root, "..", OpenFlags.create(CreateMode.OPEN_OR_CREATE),
                SetAttrs.NONE, AttrMask.ALL)));
        assertEquals(VfsError.INVAL, error(fx.vfs.remove(ALICE, root, ".")));
        assertEquals(VfsError.INVAL, error(fx.vfs.rmdir(ALICE, root, ".")));
        assertEquals(VfsError.NOTEMPTY, error(fx.vfs.rmdir(ALICE, root, "..")));
        assertEquals(VfsError.INVAL, error(fx.vfs.rename(ALICE, root, ".", root, "x")));
        assertEquals(VfsError.INVAL, error(fx.vfs.symlink(ALICE, root, "a/b", "t", SetAttrs.NONE)));
        assertEquals(VfsError.NAMETOOLONG, error(fx.vfs.mkdir(ALICE, root, "é".repeat(128), SetAttrs.NONE)));
        fx.mkdir(ALICE, root, "é".repeat(127) + "e", 0755);
        assertEquals(0, fx.core.stats().stream().filter(s -> s.operation().equals("mkdir")).mapToLong(OpStats::errors).sum());
    }

    @Test
    public void operationsAcrossMountsAreXdev() {
        FileHandle here = fx.createFile(ALICE, root, "f", bytes("x"));
        FileHandle there = fx.root("mem2");
        join(fx.vfs.setattr(ROOT, there, SetAttrs.mode(0777), Guard.NONE));
        FileHandle far = fx.createFile(ALICE, there, "g", bytes("y"));
        assertEquals(VfsError.XDEV, error(fx.vfs.rename(ALICE, root, "f", there, "f")));
        assertEquals(VfsError.XDEV, error(fx.vfs.link(ALICE, here, there, "f")));
        assertEquals(VfsError.XDEV, error(fx.vfs.copyRange(ALICE, here, 0, far, 0, 1)));
        assertEquals(VfsError.XDEV, error(fx.vfs.cloneRange(ALICE, here, 0, far, 0, 1)));
        assertEquals(VfsError.XDEV, error(fx.vfs.linkAt(ALICE, here, there, "h", false)));
    }

    @Test
    public void permissionsAreCheckedForABackendThatDoesNotCheckThem() {
        FileHandle secret = fx.createFile(ALICE, root, "secret", bytes("s3cret"));
        join(fx.vfs.setattr(ALICE, secret, SetAttrs.mode(0600), Guard.NONE));
        assertEquals(VfsError.ACCES, error(fx.vfs.read(BOB, secret, 0, 10)));
        ByteBuf refused = buffer(bytes("no"));
        assertEquals(VfsError.ACCES, error(fx.vfs.write(BOB, secret, 0, refused, Stability.UNSTABLE)));
        assertEquals(0, refused.refCnt());
        assertArrayEquals(bytes("s3cret"), fx.read(ROOT, secret, 10));
        assertEquals(VfsError.ACCES, error(fx.vfs.getXattr(BOB, secret, "user.a")));
        assertEquals(VfsError.ACCES, error(fx.vfs.setattr(BOB, secret, SetAttrs.NONE.withSize(0), Guard.NONE)));
        assertEquals(VfsError.PERM, error(fx.vfs.setattr(BOB, secret, SetAttrs.mode(0666), Guard.NONE)));
        assertEquals(VfsError.ACCES, error(fx.vfs.openAt(BOB, root, "secret", OpenFlags.READ, SetAttrs.NONE, AttrMask.ALL)));

        FileHandle privateDir = fx.mkdir(ALICE, root, "private", 0700);
        fx.createFile(ALICE, privateDir, "inner", bytes("i"));
        assertEquals(VfsError.ACCES, error(fx.vfs.lookup(BOB, privateDir, "inner", AttrMask.ALL)));
        assertEquals(VfsError.ACCES, error(fx.vfs.readdir(BOB, privateDir, 0, 0, 10, AttrMask.ALL)));
        assertEquals(VfsError.ACCES, error(fx.vfs.mkdir(BOB, privateDir, "x", SetAttrs.NONE)));
        assertEquals(VfsError.ACCES, error(fx.vfs.openAt(BOB, privateDir, "new", OpenFlags.create(CreateMode.OPEN_OR_CREATE),
                SetAttrs.NONE, AttrMask.ALL)));
        assertEquals(VfsError.ACCES, error(fx.vfs.remove(BOB, privateDir, "inner")));
        assertEquals(VfsError.NOTDIR, error(fx.vfs.lookup(ALICE, secret, "x", AttrMask.ALL)));
        assertEquals(1, join(fx.vfs.readdir(ROOT, privateDir, 0, 0, 10, AttrMask.ALL)).entries().size());
    }

    @Test
    public void aReadOnlyDirectoryAllowsOpeningExistingFilesButNotCreating() {
        FileHandle dir = fx.mkdir(ALICE, root, "ro", 0755);
        fx.createFile(ALICE, dir, "shared", bytes("data"));
        join(fx.vfs.setattr(ALICE, join(fx.vfs.lookup(ALICE, dir, "shared", AttrMask.ALL)).fh(), SetAttrs.mode(0666),
                Guard.NONE));
        FileHandle opened = join(fx.vfs.openAt(BOB, dir, "shared", OpenFlags.create(CreateMode.OPEN_OR_CREATE),
                SetAttrs.NONE, AttrMask.ALL)).file().handle();
        assertArrayEquals(bytes("data"), fx.read(BOB, opened, 4));
        assertEquals(VfsError.ACCES, error(fx.vfs.openAt(BOB, dir, "other", OpenFlags.create(CreateMode.OPEN_OR_CREATE),
                SetAttrs.NONE, AttrMask.ALL)));
        assertEquals(VfsError.EXIST, error(fx.vfs.openAt(BOB, dir, "shared", OpenFlags.create(CreateMode.CREATE_NEW),
                SetAttrs.NONE, AttrMask.ALL)));
    }

    @Test
    public void inAStickyDirectoryOthersCannotRemoveOrRenameYourFiles() {
        FileHandle tmp = fx.mkdir(ROOT, root, "tmp", 01777);
        fx.createFile(ALICE, tmp, "alices", bytes("a"));
        assertEquals(VfsError.PERM, error(fx.vfs.remove(BOB, tmp, "alices")));
        assertEquals(VfsError.PERM, error(fx.vfs.rename(BOB, tmp, "alices", tmp, "bobs")));
        fx.createFile(BOB, tmp, "bobs", bytes("b"));
        assertEquals(VfsError.PERM, error(fx.vfs.rename(BOB, tmp, "bobs", tmp, "alices")));
        join(fx.vfs.rename(ALICE, tmp, "alices", tmp, "renamed"));
        join(fx.vfs.remove(ALICE, tmp, "renamed"));
        join(fx.vfs.remove(ROOT, tmp, "bobs"));
        assertEquals(0, join(fx.vfs.readdir(ROOT, tmp, 0, 0, 10, AttrMask.ALL)).entries().size());
    }

    @Test
    public void movingADirectoryToAnotherParentNeedsWriteAccessToIt() {
        FileHandle from = fx.mkdir(BOB, root, "from", 0777);
        FileHandle to = fx.mkdir(BOB, root, "to", 0777);
        fx.mkdir(ALICE, from, "alicesdir", 0755);
        assertEquals(VfsError.ACCES, error(fx.vfs.rename(BOB, from, "alicesdir", to, "moved")));
        join(fx.vfs.rename(BOB, from, "alicesdir", from, "renamed"));
        join(fx.vfs.rename(ALICE, from, "renamed", to, "moved"));
        assertEquals(VfsError.NOENT, error(fx.vfs.lookup(BOB, from, "renamed", AttrMask.ALL)));
    }

    @Test
    public void setgidIsClearedForACallerOutsideTheGroup() {
        FileHandle fh = fx.createFile(ALICE, root, "sg", bytes("x"));
        join(fx.vfs.setattr(ROOT, fh, SetAttrs.NONE.withOwner(null, 4242), Guard.NONE));
        join(fx.vfs.setattr(ALICE, fh, SetAttrs.mode(02755), Guard.NONE));
        assertEquals(0755, join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).mode() & 07777);
        join(fx.vfs.setattr(ROOT, fh, SetAttrs.mode(02755), Guard.NONE));
        assertEquals(02755, join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).mode() & 07777);
    }

    @Test
    public void everyCompletedMutationIsPublishedOnce() {
        FileHandle dir = fx.mkdir(ALICE, root, "d", 0755);
        FileHandle fh = fx.createFile(ALICE, dir, "f", bytes("abc"));
        join(fx.vfs.setattr(ALICE, fh, SetAttrs.mode(0600), Guard.NONE));
        join(fx.vfs.setattr(ALICE, fh, SetAttrs.NONE.withSize(1), Guard.NONE));
        join(fx.vfs.setXattr(ALICE, fh, "user.k", bytes("v"), XattrMode.EITHER));
        join(fx.vfs.rename(ALICE, dir, "f", dir, "g"));
        join(fx.vfs.link(ALICE, fh, dir, "h"));
        join(fx.vfs.allocate(ALICE, fh, 0, 10));
        join(fx.vfs.remove(ALICE, dir, "h"));
        join(fx.vfs.rmdir(ALICE, root, "missing").exceptionally(e -> null));
        List<VfsChange> expected = List.of(
                new VfsChange(dir.mountId(), root, "d", dir, Kind.ADDED),
                new VfsChange(dir.mountId(), dir, "f", fh, Kind.ADDED),
                new VfsChange(dir.mountId(), null, null, fh, Kind.MODIFIED),
                new VfsChange(dir.mountId(), null, null, fh, Kind.ATTRIBUTES),
                new VfsChange(dir.mountId(), null, null, fh, Kind.MODIFIED),
                new VfsChange(dir.mountId(), null, null, fh, Kind.ATTRIBUTES),
                new VfsChange(dir.mountId(), dir, "f", fh, Kind.RENAMED_FROM),
                new VfsChange(dir.mountId(), dir, "g", fh, Kind.RENAMED_TO),
                new VfsChange(dir.mountId(), dir, "h", fh, Kind.ADDED),
                new VfsChange(dir.mountId(), null, null, fh, Kind.MODIFIED),
                new VfsChange(dir.mountId(), dir, "h", fh, Kind.REMOVED));
        assertEquals(expected, changes);
    }

    @Test
    public void aListenerThatThrowsDoesNotFailTheCall() {
        fx.core.listenerAdded(change -> {
            throw new IllegalStateException("listener failing on purpose");
        });
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("abc"));
        assertArrayEquals(bytes("abc"), fx.read(ALICE, fh, 3));
        assertEquals(2, changes.size());
    }

    @Test
    public void countersCountCallsAndErrorsPerModuleAndProtocolScopes() {
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("abc"));
        join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL));
        join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL));
        error(fx.vfs.lookup(ALICE, root, "missing", AttrMask.ALL));
        fx.core.record("protocol:nfs3", "READ", false, 1000);
        fx.core.record("protocol:nfs3", "READ", true, 500);
        List<OpStats> stats = fx.core.stats();
        assertEquals(new OpStats("protocol:nfs3", "READ", 2, 1, 1500), stats.get(stats.size() - 1));
        OpStats getattr = find(stats, "module:memfs", "getattr");
        assertEquals(2, getattr.calls());
        assertEquals(0, getattr.errors());
        assertTrue(getattr.totalNanos() > 0);
        OpStats lookup = find(stats, "module:memfs", "lookup");
        assertEquals(1, lookup.calls());
        assertEquals(1, lookup.errors());
        assertEquals(1, find(stats, "module:memfs", "openAt").calls());
        assertEquals(1, find(stats, "module:memfs", "write").calls());
        List<OpStats> sorted = new ArrayList<>(stats);
        sorted.sort(Comparator.comparing(OpStats::scope).thenComparing(OpStats::operation));
        assertEquals(sorted, stats);
        assertTrue(stats.stream().allMatch(s -> s.calls() > 0));
        assertTrue(fx.core.mounts().get(0).calls() >= 5);
    }

    @Test
    public void createUnlinkedThenLinkAtPublishesTheFile() {
        FileHandle fh = join(fx.vfs.createUnlinked(ALICE, root, SetAttrs.mode(0644))).fh();
        join(fx.vfs.write(ALICE, fh, 0, buffer(bytes("object")), Stability.FILE_SYNC));
        assertEquals(VfsError.NOENT, error(fx.vfs.lookup(ALICE, root, "obj", AttrMask.ALL)));
        join(fx.vfs.linkAt(ALICE, fh, root, "obj", false));
        Lookup found = join(fx.vfs.lookup(ALICE, root, "obj", AttrMask.ALL));
        assertEquals(fh, found.fh());
        assertEquals(6, found.attrs().size());
        assertArrayEquals(bytes("object"), fx.read(BOB, found.fh(), 6));
    }

    @Test
    public void symlinksReadBack() {
        FileHandle link = join(fx.vfs.symlink(ALICE, root, "l", "target/path", SetAttrs.NONE)).fh();
        assertEquals("target/path", join(fx.vfs.readlink(ALICE, link)));
        Attrs attrs = join(fx.vfs.lookup(BOB, root, "l", AttrMask.ALL)).attrs();
        assertEquals(link, join(fx.vfs.lookup(BOB, root, "l", AttrMask.ALL)).fh());
        assertEquals(FileType.SYMLINK, attrs.type());
    }

    private static OpStats find(List<OpStats> stats, String scope, String operation) {
        return stats.stream().filter(s -> s.scope().equals(scope) && s.operation().equals(operation)).findFirst()
                .orElseThrow(() -> new AssertionError("no counter " + scope + " " + operation + " in " + stats));
    }

    @Test
    public void aDiscardedUploadIsFreedAtOnceEvenWhileCoreHeldItOpen() {
        long freeBefore = join(fx.vfs.statfs(ALICE, root)).freeBytes();
        FileHandle upload = join(fx.vfs.createUnlinked(ALICE, root, SetAttrs.mode(0600))).fh();
        byte[] data = new byte[200_000];
        new Random(3).nextBytes(data);
        join(fx.vfs.write(ALICE, upload, 0, VfsFixture.buffer(data), Stability.FILE_SYNC));
        assertArrayEquals(data, fx.read(ALICE, upload, data.length));
        join(fx.vfs.discardUnlinked(ALICE, upload));
        assertEquals(freeBefore, join(fx.vfs.statfs(ALICE, root)).freeBytes());
        assertEquals(VfsError.STALE, VfsFixture.error(fx.vfs.getattr(ALICE, upload, AttrMask.ALL)));
    }
}

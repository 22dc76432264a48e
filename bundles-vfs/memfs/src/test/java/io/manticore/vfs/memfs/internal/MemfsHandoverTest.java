package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.BLOCK;
import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.assertFails;
import static io.manticore.vfs.memfs.internal.MemfsFixture.buffer;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static io.manticore.vfs.memfs.internal.MemfsFixture.pattern;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.DirPage;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.Opened;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsMount;
import io.manticore.api.vfs.XattrMode;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsHandoverTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();
    private VfsMount adopted;

    @After
    public void unmount() {
        fx.close();
        fx = null;
        if (adopted != null) {
            adopted.unmount();
            adopted = null;
        }
    }

    private VfsMount adopt(MountState state) {
        adopted = new MemfsModule().mount(MemfsFixture.spec(Map.of()), state);
        return adopted;
    }

    private static byte[] read(VfsMount mount, FileHandle fh) {
        OpenFile open = join(mount.open(USER, fh, false));
        Attrs attrs = join(mount.getattr(USER, fh, AttrMask.ALL));
        ReadResult result = join(mount.read(USER, open, 0, (int) attrs.size()));
        try {
            return ByteBufUtil.getBytes(result.data());
        } finally {
            result.data().release();
            join(mount.close(open));
        }
    }

    @Test
    public void everyHandleCookieByteAndAttributeSurvivesAdoptionByANewModule() {
        FileHandle a = fx.mkdir(fx.root, "a");
        FileHandle b = fx.mkdir(a, "b");
        join(fx.mount.setattr(USER, b, SetAttrs.mode(02770).withOwner(3, 33), Guard.NONE));
        byte[] big = pattern(3 * BLOCK + 17, 1);
        FileHandle data = fx.createFile(a, "data", big);
        fx.write(data, 6L * BLOCK, new byte[] {7, 7});
        FileHandle small = fx.createFile(b, "small", new byte[] {1, 2, 3});
        join(fx.mount.link(USER, small, fx.root, "hardlink"));
        FileHandle link = join(fx.mount.symlink(USER, a, "sym", "b/small", SetAttrs.NONE)).fh();
        FileHandle dev = join(fx.mount.mknod(USER, fx.root, "tty", FileType.CHAR_DEVICE, SetAttrs.NONE, (4L << 32) | 7)).fh();
        join(fx.mount.setXattr(USER, data, "user.k", new byte[] {9, 8}, XattrMode.EITHER));
        join(fx.mount.setXattr(USER, a, "user.dir", new byte[] {5}, XattrMode.EITHER));
        FileHandle orphan = join(fx.mount.createUnlinked(USER, fx.root, SetAttrs.mode(0600))).fh();
        fx.write(orphan, 0, pattern(BLOCK + 1, 2));
        Opened exclusive = join(fx.mount.openAt(USER, fx.root, "excl", OpenFlags.exclusive(777), SetAttrs.NONE, AttrMask.ALL));
        join(fx.mount.close(exclusive.file()));
        for (int i = 0; i < 10; i++) {
            fx.createFile(fx.root, "n" + i);
        }
        join(fx.mount.remove(USER, fx.root, "n3"));
        DirPage firstPage = join(fx.mount.readdir(USER, fx.root, 0, 0, 4, AttrMask.ALL));
        long cookie = firstPage.entries().get(3).cookie();
        List<String> restBefore = new ArrayList<>();
        for (DirEntry e : join(fx.mount.readdir(USER, fx.root, cookie, firstPage.verifier(), 100, AttrMask.ALL)).entries()) {
            restBefore.add(e.name());
        }
        FileHandle[] all = {fx.root, a, b, data, small, link, dev, orphan, exclusive.file().handle()};
        Map<FileHandle, Attrs> attrsBefore = new HashMap<>();
        for (FileHandle fh : all) {
            attrsBefore.put(fh, fx.attrs(fh));
        }
        long freeBefore = join(fx.mount.statfs(USER, fx.root)).freeBytes();

        MountState state = fx.mount.detach();
        assertEquals("memfs", state.module());
        assertEquals(2, state.format());
        assertOnlyJdkAndNettyTypes(state.payload());
        VfsMount mount = adopt(state);

        assertEquals(fx.root, mount.root());
        for (FileHandle fh : all) {
            assertEquals(attrsBefore.get(fh), join(mount.getattr(USER, fh, AttrMask.ALL)));
        }
        byte[] expected = new byte[6 * BLOCK + 2];
        System.arraycopy(big, 0, expected, 0, big.length);
        expected[6 * BLOCK] = 7;
        expected[6 * BLOCK + 1] = 7;
        assertArrayEquals(expected, read(mount, data));
        assertArrayEquals(new byte[] {1, 2, 3}, read(mount, join(mount.lookup(USER, fx.root, "hardlink", AttrMask.ALL)).fh()));
        assertArrayEquals(pattern(BLOCK + 1, 2), read(mount, orphan));
        assertEquals("b/small", join(mount.readlink(USER, link)));
        assertArrayEquals(new byte[] {9, 8}, join(mount.getXattr(USER, data, "user.k")));
        assertEquals(List.of("user.dir"), join(mount.listXattrs(USER, a)));
        assertEquals(a, join(mount.getParent(USER, b, AttrMask.ALL)).fh());
        assertEquals(small, join(mount.lookup(USER, b, "small", AttrMask.ALL)).fh());

        DirPage rest = join(mount.readdir(USER, fx.root, cookie, firstPage.verifier(), 100, AttrMask.ALL));
        List<String> restAfter = new ArrayList<>();
        for (DirEntry e : rest.entries()) {
            restAfter.add(e.name());
        }
        assertEquals(restBefore, restAfter);
        assertEquals(freeBefore, join(mount.statfs(USER, fx.root)).freeBytes());

        Opened retry = join(mount.openAt(USER, fx.root, "excl", OpenFlags.exclusive(777), SetAttrs.NONE, AttrMask.ALL));
        join(mount.close(retry.file()));
        assertTrue(retry.created());
        join(mount.linkAt(USER, orphan, b, "published", false));
        assertEquals(orphan, join(mount.lookup(USER, b, "published", AttrMask.ALL)).fh());
        FileHandle newer = join(mount.mkdir(USER, fx.root, "newer", SetAttrs.NONE)).fh();
        long newest = join(mount.getattr(USER, newer, AttrMask.ALL)).fileId();
        for (Attrs old : attrsBefore.values()) {
            assertTrue(newest > old.fileId());
        }
        DirPage afterMore = join(mount.readdir(USER, fx.root, cookie, firstPage.verifier(), 100, AttrMask.ALL));
        assertEquals("newer", afterMore.entries().get(afterMore.entries().size() - 1).name());
    }

    @Test
    public void theDetachedMountAnswersStaleAndHoldsNothing() {
        FileHandle file = fx.createFile(fx.root, "f", pattern(2 * BLOCK, 3));
        OpenFile open = fx.open(file);
        MountState state = fx.mount.detach();
        assertFails(VfsError.STALE, fx.mount.getattr(USER, file, AttrMask.ALL));
        assertFails(VfsError.STALE, fx.mount.lookup(USER, fx.root, "f", AttrMask.ALL));
        assertFails(VfsError.STALE, fx.mount.readdir(USER, fx.root, 0, 0, 10, AttrMask.ALL));
        assertFails(VfsError.STALE, fx.mount.read(USER, open, 0, 10));
        ByteBuf data = buffer(new byte[] {1});
        assertFails(VfsError.STALE, fx.mount.write(USER, open, 0, data, Stability.FILE_SYNC));
        assertEquals(0, data.refCnt());
        assertFails(VfsError.STALE, fx.mount.mkdir(USER, fx.root, "d", SetAttrs.NONE));
        assertFails(VfsError.STALE, fx.mount.statfs(USER, fx.root));
        assertFails(VfsError.STALE, fx.mount.close(open));
        try {
            fx.mount.detach();
            fail("a second detach succeeded");
        } catch (VfsException e) {
            assertEquals(VfsError.STALE, e.error());
        }
        fx.mount.unmount();
        VfsMount mount = adopt(state);
        assertArrayEquals(pattern(2 * BLOCK, 3), read(mount, file));
        ReadResult viaOldOpenFile = join(mount.read(USER, open, BLOCK, 4));
        assertArrayEquals(java.util.Arrays.copyOfRange(pattern(2 * BLOCK, 3), BLOCK, BLOCK + 4),
                ByteBufUtil.getBytes(viaOldOpenFile.data()));
        viaOldOpenFile.data().release();
    }

    @Test
    public void blocksPassToTheAdopterWithoutACopy() {
        FileHandle file = fx.createFile(fx.root, "f", pattern(BLOCK, 4));
        long before = addressOf(fx.mount, file);
        VfsMount mount = adopt(fx.mount.detach());
        assertEquals(before, addressOf(mount, file));
    }

    private static long addressOf(VfsMount mount, FileHandle fh) {
        OpenFile open = join(mount.open(USER, fh, false));
        ReadResult r = join(mount.read(USER, open, 0, 1));
        try {
            return r.data().memoryAddress();
        } finally {
            r.data().release();
            join(mount.close(open));
        }
    }

    @Test
    public void aFileOpenAndUnlinkedAtHandoverLivesUntilItIsClosedAgain() {
        FileHandle file = fx.createFile(fx.root, "f", pattern(100, 5));
        OpenFile open = fx.open(file);
        join(fx.mount.remove(USER, fx.root, "f"));
        VfsMount mount = adopt(fx.mount.detach());
        assertArrayEquals(pattern(100, 5), read(mount, file));
        assertFails(VfsError.STALE, mount.getattr(USER, file, AttrMask.ALL));
        assertEquals(1L << 30, join(mount.statfs(USER, mount.root())).freeBytes());
    }

    @Test
    public void anotherModulesStateOrAnotherFormatOrAMalformedPayloadFailsBadtype() {
        MountState[] refused = {
            new MountState("linux", 1, Map.of()),
            new MountState("memfs", 3, Map.of()),
            new MountState("memfs", 1, Map.of()),
            new MountState("memfs", 1, "not a map"),
            new MountState("memfs", 1, Map.of("nextInode", 5L, "inodes", List.of(Map.of("ino", 1L)))),
        };
        for (MountState state : refused) {
            try {
                new MemfsModule().mount(MemfsFixture.spec(Map.of()), state);
                fail("adopted " + state);
            } catch (VfsException e) {
                assertEquals(VfsError.BADTYPE, e.error());
            }
        }
    }

    @Test
    public void aRefusedPayloadLeavesItsBuffersWithTheCaller() {
        FileHandle file = fx.createFile(fx.root, "f", pattern(BLOCK, 6));
        MountState state = fx.mount.detach();
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = new HashMap<>((Map<String, Object>) state.payload());
        long nextInode = (Long) payload.get("nextInode");
        payload.put("nextInode", 1L);
        try {
            new MemfsModule().mount(MemfsFixture.spec(Map.of()), new MountState("memfs", 1, payload));
            fail("adopted an inconsistent payload");
        } catch (VfsException e) {
            assertEquals(VfsError.BADTYPE, e.error());
        }
        payload.put("nextInode", nextInode);
        VfsMount mount = adopt(new MountState("memfs", 1, payload));
        assertArrayEquals(pattern(BLOCK, 6), read(mount, file));
    }

    private static void assertOnlyJdkAndNettyTypes(Object value) {
        if (value == null) {
            return;
        }
        String type = value.getClass().getName();
        assertTrue("payload holds a " + type, type.startsWith("java.") || type.startsWith("io.netty.")
                || value instanceof byte[] || value instanceof long[]);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                assertOnlyJdkAndNettyTypes(e.getKey());
                assertOnlyJdkAndNettyTypes(e.getValue());
            }
        } else if (value instanceof Iterable<?> items && !(value instanceof ByteBuf)) {
            for (Object item : items) {
                assertOnlyJdkAndNettyTypes(item);
            }
        }
    }
}

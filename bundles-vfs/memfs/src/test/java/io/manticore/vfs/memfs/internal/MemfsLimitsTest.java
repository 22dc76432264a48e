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

import java.util.Map;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.FsStat;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsLimitsTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx;

    @After
    public void unmount() {
        if (fx != null) {
            fx.close();
            fx = null;
        }
    }

    private MemfsFixture mount(Map<String, String> options) {
        fx = new MemfsFixture(options);
        return fx;
    }

    private FsStat statfs() {
        return join(fx.mount.statfs(USER, fx.root));
    }

    @Test
    public void theDefaultsAreOneGibibyteAndAMillionFiles() {
        mount(Map.of());
        FsStat stat = statfs();
        assertEquals(new FsStat(1L << 30, 1L << 30, 1L << 30, 1_000_000, 999_999, 999_999, 255,
                Long.MAX_VALUE - (BLOCK - 1)), stat);
    }

    @Test
    public void statfsCountsBlocksAndFilesExactly() {
        mount(Map.of("size", "1m", "files", "10"));
        FileHandle a = fx.createFile(fx.root, "a", pattern(2 * BLOCK + 1, 1));
        fx.mkdir(fx.root, "d");
        fx.write(fx.createFile(fx.root, "b"), 5L * BLOCK, new byte[] {1});
        FsStat stat = statfs();
        long free = (1L << 20) - 4L * BLOCK;
        assertEquals(new FsStat(1L << 20, free, free, 10, 6, 6, 255, Blocks.MAX_FILE_SIZE), stat);
        join(fx.mount.remove(USER, fx.root, "a"));
        assertEquals((1L << 20) - BLOCK, statfs().freeBytes());
        assertEquals(7, statfs().freeFiles());
        assertFails(VfsError.STALE, fx.mount.statfs(USER, a));
    }

    @Test
    public void aWriteThatDoesNotFitFailsNospcAndChangesNothing() {
        mount(Map.of("size", "256k"));
        byte[] data = pattern(3 * BLOCK, 2);
        FileHandle file = fx.createFile(fx.root, "f", data);
        Attrs before = fx.attrs(file);
        OpenFile open = fx.open(file);
        ByteBuf tooMuch = buffer(pattern(2 * BLOCK, 3));
        assertFails(VfsError.NOSPC, fx.mount.write(USER, open, 3L * BLOCK - 10, tooMuch, Stability.FILE_SYNC));
        assertEquals(0, tooMuch.refCnt());
        assertEquals(before, fx.attrs(file));
        assertArrayEquals(data, fx.readAll(file));
        assertEquals(BLOCK, statfs().freeBytes());
        join(fx.mount.write(USER, open, 5, buffer(new byte[] {9}), Stability.FILE_SYNC));
        join(fx.mount.write(USER, open, 3L * BLOCK, buffer(pattern(BLOCK, 4)), Stability.FILE_SYNC));
        join(fx.mount.close(open));
        assertEquals(0, statfs().freeBytes());
        assertEquals(0, statfs().availableBytes());
    }

    @Test
    public void allocateCopyAndCloneThatDoNotFitFailNospcAndChangeNothing() {
        mount(Map.of("size", "192k"));
        FileHandle src = fx.createFile(fx.root, "src", pattern(2 * BLOCK, 5));
        FileHandle dst = fx.createFile(fx.root, "dst");
        Attrs dstBefore = fx.attrs(dst);
        assertFails(VfsError.NOSPC, fx.mount.allocate(USER, dst, 0, 2L * BLOCK));
        assertFails(VfsError.NOSPC, fx.mount.copyRange(USER, src, 0, dst, 0, 2L * BLOCK));
        assertFails(VfsError.NOSPC, fx.mount.cloneRange(USER, src, 0, dst, 0, 2L * BLOCK));
        assertEquals(dstBefore, fx.attrs(dst));
        assertEquals(BLOCK, statfs().freeBytes());
        join(fx.mount.allocate(USER, dst, 0, 10));
        assertEquals(BLOCK - Blocks.MIN_SIZE, statfs().freeBytes());
    }

    @Test
    public void copyOnWriteOfASharedBlockNeedsNoMoreSpace() {
        mount(Map.of("size", "128k"));
        byte[] data = pattern(BLOCK, 6);
        FileHandle a = fx.createFile(fx.root, "a", data);
        FileHandle b = fx.createFile(fx.root, "b");
        join(fx.mount.cloneRange(USER, a, 0, b, 0, BLOCK));
        assertEquals(0, statfs().freeBytes());
        fx.write(b, 0, new byte[] {1, 2});
        assertEquals(0, statfs().freeBytes());
        assertArrayEquals(data, fx.readAll(a));
        byte[] changed = data.clone();
        changed[0] = 1;
        changed[1] = 2;
        assertArrayEquals(changed, fx.readAll(b));
    }

    @Test
    public void theFilesLimitFailsEveryCreateNospc() {
        mount(Map.of("files", "3"));
        fx.createFile(fx.root, "one");
        fx.mkdir(fx.root, "two");
        assertEquals(0, statfs().freeFiles());
        assertFails(VfsError.NOSPC, fx.mount.openAt(USER, fx.root, "x", OpenFlags.create(CreateMode.CREATE_NEW),
                SetAttrs.NONE, AttrMask.ALL));
        assertFails(VfsError.NOSPC, fx.mount.mkdir(USER, fx.root, "x", SetAttrs.NONE));
        assertFails(VfsError.NOSPC, fx.mount.symlink(USER, fx.root, "x", "t", SetAttrs.NONE));
        assertFails(VfsError.NOSPC, fx.mount.mknod(USER, fx.root, "x", FileType.FIFO, SetAttrs.NONE, 0));
        assertFails(VfsError.NOSPC, fx.mount.createUnlinked(USER, fx.root, SetAttrs.NONE));
        assertEquals(2, fx.list(fx.root, 10).size());
        assertEquals(3, fx.attrs(fx.root).nlink());
        join(fx.mount.remove(USER, fx.root, "one"));
        fx.createFile(fx.root, "three");
    }

    @Test
    public void invalidOptionValuesFailNamingTheOption() {
        String[][] invalid = {
            {"size", "abc"}, {"size", "-1"}, {"size", ""}, {"size", "1x"}, {"size", "10"}, {"size", "9999999999t"},
            {"files", "0"}, {"files", "many"}, {"files", "-5"},
        };
        for (String[] option : invalid) {
            try {
                new MemfsModule().mount(MemfsFixture.spec(Map.of(option[0], option[1])), null).unmount();
                fail(option[0] + "=" + option[1] + " was accepted");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("'" + option[0] + "'"));
            }
        }
    }

    @Test
    public void sizesTakeBinarySuffixesInEitherCase() {
        assertEquals(65536, SizeParser.parse("size", "65536"));
        assertEquals(64L << 10, SizeParser.parse("size", "64k"));
        assertEquals(2L << 20, SizeParser.parse("size", "2M"));
        assertEquals(1L << 30, SizeParser.parse("size", "1g"));
        assertEquals(3L << 40, SizeParser.parse("size", " 3T "));
        assertEquals(new MemfsOptions(200L << 10, 7), MemfsOptions.parse(Map.of("size", "200k", "files", "7")));
    }

    @Test
    public void rootModeOptionSetsTheRootFolderPermissions() {
        MemfsOptions options = MemfsOptions.parse(Map.of("root_mode", "1777"));
        assertEquals(01777, options.rootMode());
        assertEquals(01777, Filesystem.fresh(io.manticore.api.vfs.MountId.forName("m"), options, new NanoClock(() -> 0L)).root().mode);
        assertEquals(0755, MemfsOptions.parse(Map.of()).rootMode());
    }

    @Test(expected = IllegalArgumentException.class)
    public void rootModeMustBeOctal() {
        MemfsOptions.parse(Map.of("root_mode", "0789"));
    }
}

package io.manticore.core.internal.vfs;

import static io.manticore.core.internal.vfs.VfsFixture.ALICE;
import static io.manticore.core.internal.vfs.VfsFixture.ROOT;
import static io.manticore.core.internal.vfs.VfsFixture.buffer;
import static io.manticore.core.internal.vfs.VfsFixture.bytes;
import static io.manticore.core.internal.vfs.VfsFixture.error;
import static io.manticore.core.internal.vfs.VfsFixture.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.manticore.api.admin.CacheStats;
import io.manticore.api.config.ServerSettings;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.XattrMode;
import io.manticore.testkit.LeakCheck;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Core's caches seen through the Vfs, with a memfs backend whose calls are counted. */
public class CachingTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final RecordingHook backend = new RecordingHook();
    private VfsFixture fx;
    private FileHandle root;

    @Before
    public void mount() {
        fx = new VfsFixture(new ServerSettings(0, 2, 2000, 64, 100, 100, 8, 60_000, false, 90));
        fx.bind(new TestModule("memfs", Set.of(), backend));
        fx.mount("mem", VfsFixture.memfs("memfs"));
        root = fx.root("mem");
        join(fx.vfs.setattr(ROOT, root, SetAttrs.mode(0777), Guard.NONE));
    }

    @After
    public void close() {
        fx.close();
    }

    private CacheStats cache(String name) {
        return fx.core.caches().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    public void getattrIsServedFromTheAttributeCache() {
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("abc"));
        int before = backend.count("getattr");
        long hits = cache("attributes").hits();
        assertEquals(3, join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).size());
        assertEquals(3, join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).size());
        assertEquals(before, backend.count("getattr"));
        assertTrue(cache("attributes").hits() >= hits + 2);
    }

    @Test
    public void lookupIsServedFromTheNameCacheAndRemembersMissingNames() {
        fx.createFile(ALICE, root, "f", bytes("abc"));
        int before = backend.count("lookup");
        join(fx.vfs.lookup(ALICE, root, "f", AttrMask.ALL));
        join(fx.vfs.lookup(ALICE, root, "f", AttrMask.ALL));
        assertEquals(before, backend.count("lookup"));
        assertEquals(VfsError.NOENT, error(fx.vfs.lookup(ALICE, root, "missing", AttrMask.ALL)));
        assertEquals(VfsError.NOENT, error(fx.vfs.lookup(ALICE, root, "missing", AttrMask.ALL)));
        assertEquals(before + 1, backend.count("lookup"));
        assertTrue(cache("names").hits() >= 3);
    }

    @Test
    public void aNameLookedUpAsMissingIsFoundOnceCreated() {
        assertEquals(VfsError.NOENT, error(fx.vfs.lookup(ALICE, root, "later", AttrMask.ALL)));
        FileHandle fh = fx.createFile(ALICE, root, "later", bytes("x"));
        assertEquals(fh, join(fx.vfs.lookup(ALICE, root, "later", AttrMask.ALL)).fh());
        FileHandle dir = fx.mkdir(ALICE, root, "dir", 0755);
        assertEquals(dir, join(fx.vfs.lookup(ALICE, root, "dir", AttrMask.ALL)).fh());
        FileHandle link = join(fx.vfs.symlink(ALICE, root, "sym", "t", SetAttrs.NONE)).fh();
        assertEquals(link, join(fx.vfs.lookup(ALICE, root, "sym", AttrMask.ALL)).fh());
    }

    @Test
    public void aLookupAfterRemoveIsNoent() {
        fx.createFile(ALICE, root, "f", bytes("abc"));
        join(fx.vfs.lookup(ALICE, root, "f", AttrMask.ALL));
        join(fx.vfs.remove(ALICE, root, "f"));
        assertEquals(VfsError.NOENT, error(fx.vfs.lookup(ALICE, root, "f", AttrMask.ALL)));
    }

    @Test
    public void removingAFileClosesCoresOpenOfItSoTheBackendCanFreeIt() {
        FileHandle fh = fx.createFile(ALICE, root, "big", bytes("data"));
        assertEquals(0, backend.count("close"));
        join(fx.vfs.remove(ALICE, root, "big"));
        assertEquals(1, backend.count("close"));
        assertEquals(VfsError.STALE, error(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)));
    }

    @Test
    public void renamingOverAFileClosesCoresOpenOfTheReplacedFile() {
        fx.createFile(ALICE, root, "a", bytes("new"));
        FileHandle replaced = fx.createFile(ALICE, root, "b", bytes("old"));
        int closes = backend.count("close");
        join(fx.vfs.rename(ALICE, root, "a", root, "b"));
        assertEquals(closes + 1, backend.count("close"));
        assertEquals(VfsError.STALE, error(fx.vfs.getattr(ALICE, replaced, AttrMask.ALL)));
    }

    @Test
    public void publishingOverAFileClosesCoresOpenOfTheReplacedFile() {
        FileHandle replaced = fx.createFile(ALICE, root, "obj", bytes("old"));
        FileHandle fresh = join(fx.vfs.createUnlinked(ALICE, root, SetAttrs.mode(0644))).fh();
        int closes = backend.count("close");
        join(fx.vfs.linkAt(ALICE, fresh, root, "obj", true));
        assertEquals(closes + 1, backend.count("close"));
        assertEquals(VfsError.STALE, error(fx.vfs.getattr(ALICE, replaced, AttrMask.ALL)));
        assertEquals(fresh, join(fx.vfs.lookup(ALICE, root, "obj", AttrMask.ALL)).fh());
    }

    @Test
    public void afterRenameTheNewNameResolvesAndTheOldDoesNot() {
        FileHandle moved = fx.createFile(ALICE, root, "old", bytes("m"));
        fx.createFile(ALICE, root, "new", bytes("r"));
        join(fx.vfs.lookup(ALICE, root, "old", AttrMask.ALL));
        join(fx.vfs.lookup(ALICE, root, "new", AttrMask.ALL));
        join(fx.vfs.rename(ALICE, root, "old", root, "new"));
        assertEquals(moved, join(fx.vfs.lookup(ALICE, root, "new", AttrMask.ALL)).fh());
        assertEquals(VfsError.NOENT, error(fx.vfs.lookup(ALICE, root, "old", AttrMask.ALL)));
        assertArrayEquals(bytes("m"), fx.read(ALICE, join(fx.vfs.lookup(ALICE, root, "new", AttrMask.ALL)).fh(), 1));
    }

    @Test
    public void namesInARemovedDirectoryAreForgotten() {
        FileHandle dir = fx.mkdir(ALICE, root, "d", 0755);
        assertEquals(VfsError.NOENT, error(fx.vfs.lookup(ALICE, dir, "x", AttrMask.ALL)));
        join(fx.vfs.rmdir(ALICE, root, "d"));
        assertEquals(VfsError.NOENT, error(fx.vfs.lookup(ALICE, root, "d", AttrMask.ALL)));
        assertEquals(VfsError.STALE, error(fx.vfs.lookup(ALICE, dir, "x", AttrMask.ALL)));
    }

    @Test
    public void mutationsUpdateTheCachedAttributes() {
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("abc"));
        assertEquals(3, join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).size());
        join(fx.vfs.write(ALICE, fh, 3, buffer(bytes("defg")), Stability.UNSTABLE));
        assertEquals(7, join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).size());
        join(fx.vfs.setattr(ALICE, fh, SetAttrs.NONE.withSize(2), Guard.NONE));
        assertEquals(2, join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).size());
        join(fx.vfs.link(ALICE, fh, root, "hard"));
        assertEquals(2, join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).nlink());
        join(fx.vfs.remove(ALICE, root, "hard"));
        assertEquals(1, join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).nlink());
        long ctime = join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).change();
        join(fx.vfs.setXattr(ALICE, fh, "user.k", bytes("v"), XattrMode.EITHER));
        assertTrue(join(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)).change() > ctime);
        FileHandle copy = fx.createFile(ALICE, root, "copy", new byte[0]);
        assertEquals(0, join(fx.vfs.getattr(ALICE, copy, AttrMask.ALL)).size());
        assertEquals(2L, (long) join(fx.vfs.copyRange(ALICE, fh, 0, copy, 0, 2)));
        assertEquals(2, join(fx.vfs.getattr(ALICE, copy, AttrMask.ALL)).size());
        assertArrayEquals(bytes("ab"), fx.read(ALICE, copy, 10));
    }

    @Test
    public void theCachesStayWithinTheirCapacity() {
        for (int i = 0; i < 300; i++) {
            FileHandle fh = fx.createFile(ALICE, root, "f" + i, bytes("x"));
            fx.read(ALICE, fh, 1);
            for (CacheStats stats : fx.core.caches()) {
                assertTrue(stats + " over capacity", stats.size() <= stats.capacity());
            }
        }
        assertTrue(cache("attributes").evictions() > 0);
        assertTrue(cache("names").evictions() > 0);
        assertTrue(cache("open-files").evictions() > 0);
        // Every file opened (300 by create-or-open, the rest for reads) is closed or still cached.
        assertEquals(300 + backend.count("open"), backend.count("close") + cache("open-files").size());
    }

    @Test
    public void idleOpenFilesAreClosed() throws Exception {
        fx.applySettings(new ServerSettings(0, 2, 2000, 64, 100, 100, 8, 30, false, 90));
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("abc"));
        assertEquals(1, cache("open-files").size());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (cache("open-files").size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, cache("open-files").size());
        assertEquals(1, backend.count("close"));
        assertArrayEquals(bytes("abc"), fx.read(ALICE, fh, 3));
        assertEquals(1, backend.count("open"));
    }

    @Test
    public void clearingTheCachesEmptiesThemAndClosesOpenFiles() {
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("abc"));
        join(fx.vfs.lookup(ALICE, root, "f", AttrMask.ALL));
        fx.core.clearCaches();
        for (CacheStats stats : fx.core.caches()) {
            assertEquals(stats.name(), 0, stats.size());
        }
        assertEquals(1, backend.count("close"));
        assertArrayEquals(bytes("abc"), fx.read(ALICE, fh, 3));
    }
}

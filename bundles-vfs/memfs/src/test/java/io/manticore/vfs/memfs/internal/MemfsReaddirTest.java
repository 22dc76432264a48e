package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.assertFails;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.DirPage;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsError;
import io.manticore.testkit.LeakCheck;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsReaddirTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();

    @After
    public void unmount() {
        fx.close();
        fx = null;
    }

    private DirPage page(FileHandle dir, long cookie, long verifier, int max) {
        return join(fx.mount.readdir(USER, dir, cookie, verifier, max, AttrMask.ALL));
    }

    @Test
    public void anEmptyDirectoryListsNothingAndEndsAtOnce() {
        DirPage page = page(fx.root, 0, 0, 10);
        assertEquals(List.of(), page.entries());
        assertTrue(page.eof());
        assertNotEquals(0, page.verifier());
        assertEquals(fx.attrs(fx.root), page.dirAttrs());
    }

    @Test
    public void entriesComeInCreationOrderWithTheirHandlesAttributesAndCookies() {
        FileHandle a = fx.createFile(fx.root, "a", new byte[] {1, 2});
        FileHandle b = fx.mkdir(fx.root, "b");
        DirPage page = page(fx.root, 0, 0, 10);
        assertTrue(page.eof());
        assertEquals(2, page.entries().size());
        DirEntry first = page.entries().get(0);
        DirEntry second = page.entries().get(1);
        assertEquals("a", first.name());
        assertEquals(a, first.fh());
        assertEquals(fx.attrs(a), first.attrs());
        assertEquals(first.attrs().fileId(), first.fileId());
        assertEquals("b", second.name());
        assertEquals(b, second.fh());
        assertEquals(Directory.FIRST_SEQUENCE, first.cookie());
        assertTrue(second.cookie() > first.cookie());
    }

    @Test
    public void smallPagesReturnEveryEntryOnceAndEofOnlyAtTheEnd() {
        for (int i = 0; i < 10; i++) {
            fx.createFile(fx.root, "f" + i);
        }
        DirPage first = page(fx.root, 0, 0, 4);
        assertEquals(4, first.entries().size());
        assertFalse(first.eof());
        DirPage exact = page(fx.root, first.entries().get(3).cookie(), first.verifier(), 6);
        assertEquals(6, exact.entries().size());
        assertTrue(exact.eof());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("f" + i);
        }
        for (int size = 1; size <= 11; size++) {
            assertEquals("pages of " + size, expected, fx.list(fx.root, size));
        }
    }

    @Test
    public void entriesPresentThroughoutAreListedExactlyOnceWhileTheDirectoryChanges() {
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            fx.createFile(fx.root, "stable" + i);
            stable.add("stable" + i);
            fx.createFile(fx.root, "gone" + i);
        }
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        long verifier = 0;
        for (int round = 0; ; round++) {
            DirPage page = page(fx.root, cookie, verifier, 3);
            for (DirEntry entry : page.entries()) {
                seen.add(entry.name());
                cookie = entry.cookie();
            }
            verifier = page.verifier();
            if (page.eof()) {
                break;
            }
            // between pages: drop one name already listed, one not yet reached, and add one
            if (round < 20) {
                join(fx.mount.remove(USER, fx.root, "gone" + round));
                join(fx.mount.remove(USER, fx.root, "gone" + (39 - round)));
                fx.createFile(fx.root, "new" + round);
            }
        }
        assertEquals("no entry repeats: " + seen, new HashSet<>(seen).size(), seen.size());
        assertEquals(stable, filter(seen, "stable"));
        assertFalse("a name removed before it was reached vanishes", seen.contains("gone39"));
        assertTrue("a name listed before it was removed was seen", seen.contains("gone0"));
        Set<String> added = filter(seen, "new");
        assertEquals("entries added after the cookie appear", 20, added.size());
    }

    private static Set<String> filter(List<String> names, String prefix) {
        Set<String> out = new HashSet<>();
        for (String name : names) {
            if (name.startsWith(prefix)) {
                out.add(name);
            }
        }
        return out;
    }

    @Test
    public void aCookieStaysValidAfterItsEntryIsRemoved() {
        fx.createFile(fx.root, "a");
        fx.createFile(fx.root, "b");
        fx.createFile(fx.root, "c");
        DirPage first = page(fx.root, 0, 0, 2);
        join(fx.mount.remove(USER, fx.root, "b"));
        DirPage rest = page(fx.root, first.entries().get(1).cookie(), first.verifier(), 10);
        assertEquals(1, rest.entries().size());
        assertEquals("c", rest.entries().get(0).name());
        assertTrue(rest.eof());
        assertEquals(first.verifier(), rest.verifier());
    }

    @Test
    public void cookiesOneAndTwoStartAfterDotAndDotDot() {
        fx.createFile(fx.root, "a");
        assertEquals("a", page(fx.root, 1, 0, 10).entries().get(0).name());
        assertEquals("a", page(fx.root, 2, 0, 10).entries().get(0).name());
    }

    @Test
    public void aWrongVerifierOrAnUnissuedCookieFailsBadCookie() {
        fx.createFile(fx.root, "a");
        DirPage page = page(fx.root, 0, 0, 10);
        long cookie = page.entries().get(0).cookie();
        assertFails(VfsError.BAD_COOKIE, fx.mount.readdir(USER, fx.root, cookie, page.verifier() + 1, 10, AttrMask.ALL));
        assertFails(VfsError.BAD_COOKIE, fx.mount.readdir(USER, fx.root, cookie + 1, page.verifier(), 10, AttrMask.ALL));
        assertFails(VfsError.BAD_COOKIE, fx.mount.readdir(USER, fx.root, -1, 0, 10, AttrMask.ALL));
        DirPage atEnd = page(fx.root, cookie, page.verifier(), 10);
        assertEquals(0, atEnd.entries().size());
        assertTrue(atEnd.eof());
        FileHandle other = fx.mkdir(fx.root, "other");
        assertFails(VfsError.BAD_COOKIE, fx.mount.readdir(USER, other, 0, page.verifier(), 10, AttrMask.ALL));
    }

    @Test
    public void aNonPositivePageSizeFailsInvalAndAFileIsNotADirectory() {
        FileHandle file = fx.createFile(fx.root, "f");
        assertFails(VfsError.INVAL, fx.mount.readdir(USER, fx.root, 0, 0, 0, AttrMask.ALL));
        assertFails(VfsError.INVAL, fx.mount.readdir(USER, fx.root, 0, 0, -3, AttrMask.ALL));
        assertFails(VfsError.NOTDIR, fx.mount.readdir(USER, file, 0, 0, 10, AttrMask.ALL));
    }
}

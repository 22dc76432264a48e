package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.DirPage;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.VfsError;
import org.junit.Test;

/** readdir: every entry exactly once over pages, cookies that resume, names as given. */
public class ReaddirConformance extends ConformanceCase {

    public ReaddirConformance(BackendUnderTest backend) {
        super(backend);
    }

    private DirPage page(FileHandle dir, long cookie, long verifier, int max) {
        return join(mount.readdir(cred, dir, cookie, verifier, max, AttrMask.ALL));
    }

    private Set<String> createFiles(FileHandle dir, String prefix, int count) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            fs.createFile(dir, prefix + i);
            names.add(prefix + i);
        }
        return names;
    }

    private static void assertOnce(Set<String> expected, List<String> listed) {
        assertEquals("no entry repeats", new HashSet<>(listed).size(), listed.size());
        assertEquals(expected, new TreeSet<>(listed));
    }

    @Test
    public void anEmptyDirectoryListsNothingAndEndsAtOnce() {
        DirPage page = page(root, 0, 0, 10);
        assertEquals(List.of(), page.entries());
        assertTrue(page.eof());
        assertEquals(fs.attrs(root).fileId(), page.dirAttrs().fileId());
        assertEquals(FileType.DIRECTORY, page.dirAttrs().type());
    }

    @Test
    public void entriesCarryTheirHandlesAttributesAndFileIds() {
        FileHandle file = fs.createFile(root, "file", new byte[] {1, 2});
        FileHandle dir = fs.mkdir(root, "dir");
        List<DirEntry> entries = fs.list(root, 10);
        assertEquals(2, entries.size());
        for (DirEntry entry : entries) {
            FileHandle expected = entry.name().equals("file") ? file : dir;
            assertEquals(expected, entry.fh());
            assertEquals(fs.attrs(expected).fileId(), entry.fileId());
            assertEquals(entry.fileId(), entry.attrs().fileId());
            AttrsAssert.assertSameState(fs.attrs(expected), entry.attrs());
        }
    }

    @Test
    public void noEntryHasTheCookiesReservedForStartDotAndDotDot() {
        createFiles(root, "f", 20);
        Set<Long> cookies = new HashSet<>();
        for (DirEntry entry : fs.list(root, 7)) {
            assertTrue("cookie " + entry.cookie() + " of " + entry.name(), entry.cookie() != 0
                    && entry.cookie() != 1 && entry.cookie() != 2);
            assertTrue("cookie " + entry.cookie() + " repeats", cookies.add(entry.cookie()));
        }
    }

    @Test
    public void pagesOfEverySizeListEveryEntryOnceInTheSameOrder() {
        Set<String> expected = createFiles(root, "f", 10);
        fs.mkdir(root, "sub");
        expected.add("sub");
        List<String> whole = fs.names(root, 100);
        assertOnce(expected, whole);
        for (int size = 1; size <= 12; size++) {
            assertEquals("pages of " + size, whole, fs.names(root, size));
        }
    }

    @Test
    public void aThousandEntriesAreListedExactlyOnce() {
        Set<String> expected = createFiles(root, "entry-", 1000);
        assertOnce(expected, fs.names(root, 37));
        assertOnce(expected, fs.names(root, 1000));
        assertOnce(expected, fs.names(root, 5000));
    }

    @Test
    public void aPageStopsAtItsSizeAndOnlyTheLastReportsEof() {
        createFiles(root, "f", 10);
        DirPage first = page(root, 0, 0, 4);
        assertEquals(4, first.entries().size());
        assertFalse(first.eof());
        DirPage rest = page(root, first.entries().get(3).cookie(), first.verifier(), 100);
        assertEquals(6, rest.entries().size());
        assertTrue(rest.eof());
        Set<String> seen = new HashSet<>();
        first.entries().forEach(e -> seen.add(e.name()));
        rest.entries().forEach(e -> seen.add(e.name()));
        assertEquals(10, seen.size());
    }

    @Test
    public void aCookieResumesAfterItsEntry() {
        createFiles(root, "f", 10);
        List<DirEntry> all = fs.list(root, 100);
        for (int i = 0; i < all.size(); i++) {
            DirPage page = page(root, all.get(i).cookie(), 0, 100);
            List<String> after = new ArrayList<>();
            page.entries().forEach(e -> after.add(e.name()));
            List<String> expected = new ArrayList<>();
            all.subList(i + 1, all.size()).forEach(e -> expected.add(e.name()));
            assertEquals("after " + all.get(i).name(), expected, after);
            assertTrue(page.eof());
        }
    }

    @Test
    public void aCookieStaysValidAfterItsEntryIsRemoved() {
        createFiles(root, "f", 6);
        DirPage first = page(root, 0, 0, 3);
        String held = first.entries().get(2).name();
        join(mount.remove(cred, root, held));
        DirPage rest = page(root, first.entries().get(2).cookie(), first.verifier(), 100);
        Set<String> seen = new HashSet<>();
        first.entries().forEach(e -> seen.add(e.name()));
        rest.entries().forEach(e -> assertTrue("repeated " + e.name(), seen.add(e.name())));
        assertEquals(6, seen.size());
        assertTrue(rest.eof());
    }

    @Test
    public void entriesPresentThroughoutAreListedOnceWhileTheDirectoryChanges() {
        Set<String> stable = createFiles(root, "stable", 40);
        createFiles(root, "gone", 40);
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        long verifier = 0;
        for (int round = 0; ; round++) {
            DirPage page = page(root, cookie, verifier, 3);
            for (DirEntry entry : page.entries()) {
                seen.add(entry.name());
                cookie = entry.cookie();
            }
            verifier = page.verifier();
            if (page.eof()) {
                break;
            }
            if (round < 20) {
                join(mount.remove(cred, root, "gone" + round));
                fs.createFile(root, "new" + round);
            }
        }
        assertEquals("no entry repeats: " + seen, new HashSet<>(seen).size(), seen.size());
        Set<String> stableSeen = new TreeSet<>(seen);
        stableSeen.retainAll(stable);
        assertEquals(stable, stableSeen);
    }

    @Test
    public void unicodeNamesAreListedAndFoundAsGiven() {
        List<String> names = List.of("ünïcødé", "日本語.txt", "emoji-\uD83D\uDE00", "caf\u00e9", "cafe\u0301",
                "space in name", "tab\tname", "Ω≈ç√");
        Set<String> expected = new TreeSet<>(names);
        for (String name : names) {
            fs.createFile(root, name, name.getBytes(StandardCharsets.UTF_8));
        }
        assertOnce(expected, fs.names(root, 3));
        for (String name : names) {
            assertEquals(name, new String(fs.readAll(fs.lookup(root, name)), StandardCharsets.UTF_8));
        }
    }

    @Test
    public void readdirOfAFileFailsNotdir() {
        FileHandle file = fs.createFile(root, "f");
        assertFails(VfsError.NOTDIR, mount.readdir(cred, file, 0, 0, 10, AttrMask.ALL));
    }

    @Test
    public void aSubdirectoryListsOnlyItsOwnEntries() {
        FileHandle dir = fs.mkdir(root, "d");
        fs.createFile(dir, "inner");
        fs.createFile(root, "outer");
        assertEquals(List.of("inner"), fs.names(dir, 10));
        assertEquals(Set.of("d", "outer"), new TreeSet<>(fs.names(root, 10)));
    }
}

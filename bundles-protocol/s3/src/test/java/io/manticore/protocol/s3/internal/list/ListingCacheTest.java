package io.manticore.protocol.s3.internal.list;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.MountId;
import org.junit.Test;

public class ListingCacheTest {

    private static final MountId MOUNT = MountId.forName("test");

    @Test
    public void leastRecentlyUsedDirectoriesLeaveFirst() {
        ListingCache cache = new ListingCache(2, 100);
        DirListing a = listing(1, 3);
        cache.put(handle(1), a);
        cache.put(handle(2), listing(1, 3));
        assertSame(a, cache.get(handle(1), 1));
        cache.put(handle(3), listing(1, 3));
        assertEquals(2, cache.size());
        assertSame("used last, so kept", a, cache.get(handle(1), 1));
        assertNull(cache.get(handle(2), 1));
    }

    @Test
    public void entriesAreBoundedAndAListingLargerThanTheBoundIsNotKept() {
        ListingCache cache = new ListingCache(64, 10);
        cache.put(handle(1), listing(1, 11));
        assertNull(cache.get(handle(1), 1));
        cache.put(handle(2), listing(1, 3));
        cache.put(handle(3), listing(1, 3));
        cache.put(handle(4), listing(1, 8));
        assertNull(cache.get(handle(2), 1));
        assertNull(cache.get(handle(3), 1));
        assertEquals(8, cache.get(handle(4), 1).size());
    }

    @Test
    public void aChangedDirectoryIsAMissAndIsDropped() {
        ListingCache cache = new ListingCache();
        cache.put(handle(1), listing(5, 2));
        assertNull(cache.get(handle(1), 6));
        assertNull(cache.get(handle(1), 5));
        assertEquals(0, cache.size());
        assertEquals(0, cache.hits());
    }

    @Test
    public void listingSortsFoldersByTheirSlashAndDropsWhatCannotBeAKey() {
        List<DirEntry> entries = List.of(entry("a0", FileType.REGULAR), entry("a", FileType.DIRECTORY),
                entry("a.txt", FileType.REGULAR), entry("link", FileType.SYMLINK), entry("nul\0", FileType.REGULAR),
                entry("half\ud800", FileType.REGULAR), entry("fifo", FileType.FIFO));
        DirListing listing = DirListing.of(1, entries);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < listing.size(); i++) {
            keys.add(new String(listing.key(i), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("a.txt", "a/", "a0"), keys);
        assertTrue(listing.folder(1));
        assertFalse(listing.folder(0));
        assertFalse(listing.vacant());
        assertTrue(DirListing.of(1, List.of()).vacant());
        assertFalse("entries that cannot be keys still make the folder non-empty",
                DirListing.of(1, List.of(entry("link", FileType.SYMLINK))).vacant());
    }

    @Test
    public void seekFindsTheFolderABoundContinuesAndRunsEndAfterTheirPrefix() {
        DirListing listing = DirListing.of(1, List.of(entry("a", FileType.DIRECTORY), entry("b1", FileType.REGULAR),
                entry("b2", FileType.REGULAR), entry("c", FileType.REGULAR)));
        assertEquals("a/ holds a/x", 0, listing.seek(bytes("a/x")));
        assertEquals(1, listing.seek(bytes("a0")));
        assertEquals(1, listing.seek(bytes("b")));
        assertEquals(2, listing.seek(bytes("b2")));
        assertEquals(4, listing.seek(bytes("d")));
        assertEquals(0, listing.seek(bytes("")));
        assertEquals(3, listing.endOfRun(bytes("b"), 1));
        assertEquals(4, listing.endOfRun(bytes("c"), 3));
    }

    private static DirListing listing(long change, int size) {
        List<DirEntry> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            entries.add(entry("f" + i, FileType.REGULAR));
        }
        return DirListing.of(change, entries);
    }

    private static DirEntry entry(String name, FileType type) {
        Attrs attrs = new Attrs(type, 0644, 1, 0, 0, 0, 0, 0, name.hashCode(), 0, 0, 0, 0, 0);
        return new DirEntry(name, 3, name.hashCode(), handle(name.hashCode()), attrs);
    }

    private static FileHandle handle(int id) {
        return FileHandle.of(MOUNT, new byte[] {(byte) (id >> 24), (byte) (id >> 16), (byte) (id >> 8), (byte) id});
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

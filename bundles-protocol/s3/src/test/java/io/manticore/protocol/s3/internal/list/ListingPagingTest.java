package io.manticore.protocol.s3.internal.list;

import static io.manticore.protocol.s3.internal.list.ListingHarness.keys;
import static io.manticore.protocol.s3.internal.list.ListingHarness.prefixes;
import static io.manticore.protocol.s3.internal.list.ListingHarness.value;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.testkit.LeakCheck;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.w3c.dom.Document;

public class ListingPagingTest {

    private static final Comparator<String> S3_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final ListingHarness h = new ListingHarness();

    @After
    public void close() {
        h.close();
    }

    @Test
    public void flatFolderOf2500KeysPagesExactlyAndIsReadOnce() {
        List<String> expected = flat(2500);
        ListingCache cache = h.context.listings();
        List<String> all = new ArrayList<>();
        String token = null;
        int[] sizes = {1000, 1000, 500};
        for (int page = 0; page < sizes.length; page++) {
            Document doc = token == null ? h.v2("prefix", "flat/") : h.v2("prefix", "flat/", "continuation-token", token);
            List<String> keys = keys(doc);
            assertEquals(expected.subList(all.size(), all.size() + sizes[page]), keys);
            assertEquals(String.valueOf(sizes[page]), value(doc, "KeyCount"));
            assertEquals(String.valueOf(page < 2), value(doc, "IsTruncated"));
            all.addAll(keys);
            token = value(doc, "NextContinuationToken");
            assertEquals("the 2,500-entry folder is read and sorted once, then served from the cache", 1,
                    cache.directoriesRead());
        }
        assertNull(token);
        assertEquals(expected, all);
        assertEquals(2, cache.hits());
    }

    @Test
    public void treeOf2500KeysPagesExactlyInPagesOf1000AndOf7() {
        List<String> expected = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            for (int s = 0; s < 5; s++) {
                for (int f = 0; f < 50; f++) {
                    expected.add("d" + d + "/s" + s + "/" + (f % 2 == 0 ? "F" : "f") + f);
                }
            }
        }
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(k -> h.put(k, k));
        expected.sort(S3_ORDER);
        assertEquals(expected, pages(1000, "", null));
        assertEquals(expected, pages(7, "", null));
        assertEquals(expected.subList(750, 1000), pages(7, "d3/", null));
    }

    @Test
    public void commonPrefixesPageWithoutRepeating() {
        for (int d = 0; d < 10; d++) {
            for (int s = 0; s < 5; s++) {
                h.put("d" + d + "/s" + s + "/x", "x");
            }
        }
        h.put("top", "t");
        List<String> expected = new ArrayList<>(List.of("d0/", "d1/", "d2/", "d3/", "d4/", "d5/", "d6/", "d7/", "d8/",
                "d9/", "top"));
        assertEquals(expected, pages(3, "", "/"));
        assertEquals(List.of("d3/s0/", "d3/s1/", "d3/s2/", "d3/s3/", "d3/s4/"), pages(2, "d3/", "/"));
        assertEquals(List.of("d3/s0", "d3/s1/x", "d3/s2/x", "d3/s3/x", "d3/s4/x"), pages(2, "d3/", "0"));
        assertEquals(List.of("d3/s"), pages(2, "d3/", "s"));
    }

    @Test
    public void folderChangedBetweenPagesGivesTheRightNextPage() {
        List<String> expected = new ArrayList<>(flat(2500));
        ListingCache cache = h.context.listings();
        Document first = h.v2("prefix", "flat/");
        assertEquals(expected.subList(0, 1000), keys(first));
        String last = expected.get(999);
        FileHandle dir = h.fs.resolve(ListingHarness.ROOT + "/flat");
        // Changes behind the page, at its end, and ahead of it.
        for (String gone : List.of(expected.get(10), expected.get(1000), expected.get(1500))) {
            TestVfs.await(h.fs.vfs().remove(Cred.ROOT, dir, gone.substring("flat/".length())));
            expected.remove(gone);
        }
        for (String added : List.of(last + "a", expected.get(5) + "a", expected.get(1200) + "a")) {
            h.put(added, "new");
            expected.add(added);
        }
        expected.sort(S3_ORDER);
        Document second = h.v2("prefix", "flat/", "continuation-token", value(first, "NextContinuationToken"));
        int from = expected.indexOf(last) + 1;
        assertEquals(expected.subList(from, from + 1000), keys(second));
        assertEquals("the changed folder is read again", 2, cache.directoriesRead());
        Document third = h.v2("prefix", "flat/", "continuation-token", value(second, "NextContinuationToken"));
        assertEquals(expected.subList(from + 1000, expected.size()), keys(third));
        assertEquals("false", value(third, "IsTruncated"));
        assertEquals("the unchanged folder is served from the cache", 2, cache.directoriesRead());
    }

    @Test
    public void thousandsOfEmptyFoldersPageAsFolderMarkers() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2200; i++) {
            String name = String.format("e%04d", i);
            h.folder("many/" + name);
            expected.add("many/" + name + "/");
        }
        assertEquals(expected, pages(1000, "", null));
        assertEquals(List.of("many/"), pages(1000, "", "/"));
    }

    @Test
    public void v1MarkersPageTheSameKeys() {
        List<String> expected = flat(1300);
        Document first = h.v1("max-keys", "1000");
        assertEquals(expected.subList(0, 1000), keys(first));
        assertEquals("true", value(first, "IsTruncated"));
        assertNull("no NextMarker without a delimiter", value(first, "NextMarker"));
        Document second = h.v1("marker", expected.get(999));
        assertEquals(expected.subList(1000, 1300), keys(second));
        assertEquals(expected.get(999), value(second, "Marker"));
        assertEquals("false", value(second, "IsTruncated"));
    }

    /** Names "flat/k0000"... in a folder, a third in upper case, written in shuffled order; returns them in S3 order. */
    private List<String> flat(int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(String.format("flat/%s%04d", i % 3 == 0 ? "K" : "k", i));
        }
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(42));
        shuffled.forEach(k -> h.put(k, "v"));
        keys.sort(S3_ORDER);
        return keys;
    }

    /** Every key and common prefix of a V2 listing taken in pages of {@code size}, each page full but the last. */
    private List<String> pages(int size, String prefix, String delimiter) {
        List<String> all = new ArrayList<>();
        String token = null;
        while (true) {
            List<String> q = new ArrayList<>(List.of("max-keys", String.valueOf(size), "prefix", prefix));
            if (delimiter != null) {
                q.addAll(List.of("delimiter", delimiter));
            }
            if (token != null) {
                q.addAll(List.of("continuation-token", token));
            }
            Document doc = h.v2(q.toArray(String[]::new));
            List<String> page = new ArrayList<>(keys(doc));
            page.addAll(prefixes(doc));
            page.sort(S3_ORDER);
            all.addAll(page);
            token = value(doc, "NextContinuationToken");
            if (token == null) {
                assertEquals("false", value(doc, "IsTruncated"));
                return all;
            }
            assertEquals(size, page.size());
        }
    }
}

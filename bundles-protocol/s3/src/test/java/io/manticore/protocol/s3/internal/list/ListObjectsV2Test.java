package io.manticore.protocol.s3.internal.list;

import static io.manticore.protocol.s3.internal.list.ListingHarness.child;
import static io.manticore.protocol.s3.internal.list.ListingHarness.children;
import static io.manticore.protocol.s3.internal.list.ListingHarness.elementNames;
import static io.manticore.protocol.s3.internal.list.ListingHarness.keys;
import static io.manticore.protocol.s3.internal.list.ListingHarness.prefixes;
import static io.manticore.protocol.s3.internal.list.ListingHarness.query;
import static io.manticore.protocol.s3.internal.list.ListingHarness.value;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.testkit.LeakCheck;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

public class ListObjectsV2Test {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final ListingHarness h = new ListingHarness();

    @After
    public void close() {
        h.close();
    }

    @Test
    public void keysComeInUtf8ByteOrderWithFoldersSortedByTheirSlash() {
        for (String key : List.of("z", "a0", "a.txt", "a/b", "A", "a-b", "\u00e9", "\uff21", "\ud83d\ude00")) {
            h.put(key, "x");
        }
        // '-' < '.' < '/' < '0'; U+FF21 (EF BC A1) before U+1F600 (F0 9F 98 80) though UTF-16 orders them the other way.
        assertEquals(List.of("A", "a-b", "a.txt", "a/b", "a0", "z", "\u00e9", "\uff21", "\ud83d\ude00"), keys(h.v2()));
    }

    @Test
    public void responseCarriesEveryElementInOrder() {
        h.put("hello.txt", "hello");
        Document doc = h.v2("prefix", "he", "delimiter", "/", "start-after", "a", "encoding-type", "url");
        assertEquals(List.of("Name", "Prefix", "StartAfter", "KeyCount", "MaxKeys", "Delimiter", "EncodingType",
                "IsTruncated", "Contents"), elementNames(doc));
        assertEquals("bkt", value(doc, "Name"));
        assertEquals("he", value(doc, "Prefix"));
        assertEquals("1", value(doc, "KeyCount"));
        assertEquals("1000", value(doc, "MaxKeys"));
        assertEquals("false", value(doc, "IsTruncated"));
        Element contents = child(doc.getDocumentElement(), "Contents");
        assertEquals("hello.txt", child(contents, "Key").getTextContent());
        assertEquals("\"5d41402abc4b2a76b9719d911017c592\"", child(contents, "ETag").getTextContent());
        assertEquals("5", child(contents, "Size").getTextContent());
        assertEquals("STANDARD", child(contents, "StorageClass").getTextContent());
        assertTrue(child(contents, "LastModified").getTextContent(),
                child(contents, "LastModified").getTextContent().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertNull("no Owner without fetch-owner", child(contents, "Owner"));
        assertEquals("the ETag is stored: a second listing answers the same", "\"5d41402abc4b2a76b9719d911017c592\"",
                child(child(h.v2().getDocumentElement(), "Contents"), "ETag").getTextContent());
    }

    @Test
    public void fetchOwnerAddsTheFileOwner() {
        FileHandle fh = h.fs.write(Cred.ROOT, ListingHarness.ROOT + "/mine", new byte[0]);
        TestVfs.await(h.fs.vfs().setattr(Cred.ROOT, fh, SetAttrs.NONE.withOwner(1234, 99), Guard.NONE));
        Element owner = child(child(h.v2("fetch-owner", "true").getDocumentElement(), "Contents"), "Owner");
        assertEquals("1234", child(owner, "ID").getTextContent());
        assertEquals("1234", child(owner, "DisplayName").getTextContent());
    }

    @Test
    public void emptyFoldersAreFolderMarkerKeys() {
        h.folder("x");
        h.folder("y/e");
        h.put("y/z", "1");
        assertEquals(List.of("x/", "y/e/", "y/z"), keys(h.v2()));
        Document rolled = h.v2("delimiter", "/");
        assertEquals(List.of(), keys(rolled));
        assertEquals(List.of("x/", "y/"), prefixes(rolled));
        assertEquals(List.of("x/"), keys(h.v2("prefix", "x/")));
        Document inY = h.v2("prefix", "y/", "delimiter", "/");
        assertEquals(List.of("y/z"), keys(inY));
        assertEquals(List.of("y/e/"), prefixes(inY));
        Element marker = child(h.v2("prefix", "x").getDocumentElement(), "Contents");
        assertEquals("0", child(marker, "Size").getTextContent());
        assertEquals("\"d41d8cd98f00b204e9800998ecf8427e\"", child(marker, "ETag").getTextContent());
    }

    @Test
    public void symlinksAndFoldersWithOnlySymlinksListNoKeys() {
        h.put("real", "1");
        FileHandle root = h.fs.resolve(ListingHarness.ROOT);
        TestVfs.await(h.fs.vfs().symlink(Cred.ROOT, root, "link", "real", SetAttrs.NONE));
        FileHandle only = h.fs.mkdirs(Cred.ROOT, ListingHarness.ROOT + "/only");
        TestVfs.await(h.fs.vfs().symlink(Cred.ROOT, only, "l", "../real", SetAttrs.NONE));
        assertEquals(List.of("real"), keys(h.v2()));
    }

    @Test
    public void prefixAndSlashDelimiter() {
        tree();
        Document doc = h.v2("prefix", "photos/", "delimiter", "/");
        assertEquals(List.of("photos/readme"), keys(doc));
        assertEquals(List.of("photos/2023/", "photos/2024/"), prefixes(doc));
        assertEquals("3", value(doc, "KeyCount"));
        assertEquals(List.of("photos/2023/a.jpg", "photos/2024/b.jpg", "photos/2024/c.jpg"), keys(h.v2("prefix", "photos/2")));
        Document photo = h.v2("prefix", "photo", "delimiter", "/");
        assertEquals(List.of("photo.txt"), keys(photo));
        assertEquals(List.of("photos/"), prefixes(photo));
        assertEquals(List.of("photos/2024/b.jpg", "photos/2024/c.jpg"), keys(h.v2("prefix", "photos/2024/")));
        assertEquals(List.of(), keys(h.v2("prefix", "photos/2025/")));
        assertEquals(List.of(), keys(h.v2("prefix", "photo.txt/")));
        assertEquals(List.of("docs/x"), keys(h.v2("prefix", "docs/x")));
    }

    @Test
    public void otherDelimitersRollUpAtTheirFirstOccurrence() {
        tree();
        Document dot = h.v2("delimiter", ".");
        assertEquals(List.of("docs/x", "photos/readme"), keys(dot));
        assertEquals(List.of("photo.", "photos/2023/a.", "photos/2024/b.", "photos/2024/c."), prefixes(dot));
        Document twenty = h.v2("prefix", "photos/", "delimiter", "20");
        assertEquals(List.of("photos/readme"), keys(twenty));
        assertEquals(List.of("photos/20"), prefixes(twenty));
        // A delimiter across a folder boundary.
        Document across = h.v2("delimiter", "s/2");
        assertEquals(List.of("docs/x", "photo.txt", "photos/readme"), keys(across));
        assertEquals(List.of("photos/2"), prefixes(across));
        assertEquals("4", value(across, "KeyCount"));
    }

    @Test
    public void commonPrefixesCountAgainstMaxKeysAndPageExactly() {
        tree();
        Document first = h.v2("delimiter", ".", "max-keys", "3");
        assertEquals(List.of("docs/x"), keys(first));
        assertEquals(List.of("photo.", "photos/2023/a."), prefixes(first));
        assertEquals("true", value(first, "IsTruncated"));
        Document second = h.v2("delimiter", ".", "max-keys", "3", "continuation-token", value(first, "NextContinuationToken"));
        assertEquals(List.of("photos/readme"), keys(second));
        assertEquals(List.of("photos/2024/b.", "photos/2024/c."), prefixes(second));
        assertEquals("false", value(second, "IsTruncated"));
        assertNull(value(second, "NextContinuationToken"));
        assertEquals(value(first, "NextContinuationToken"), value(second, "ContinuationToken"));
    }

    @Test
    public void startAfterSkipsKeysUpToIt() {
        tree();
        assertEquals(List.of("photos/2024/c.jpg", "photos/readme"), keys(h.v2("start-after", "photos/2024/b.jpg")));
        assertEquals(List.of("photos/2023/a.jpg", "photos/2024/b.jpg", "photos/2024/c.jpg", "photos/readme"),
                keys(h.v2("start-after", "photos/")));
        Document rolled = h.v2("start-after", "photos/2023/zzz", "delimiter", "/", "prefix", "photos/");
        assertEquals(List.of("photos/2024/"), prefixes(rolled));
        assertEquals("photos/2023/zzz", value(rolled, "StartAfter"));
        assertEquals(List.of(), keys(h.v2("start-after", "\ud83d\ude00")));
    }

    @Test
    public void urlEncodingEncodesKeysPrefixesAndDelimiter() {
        h.put("a b+c/\u00fc", "1");
        h.put("a b+c/d/e", "1");
        Document doc = h.v2("encoding-type", "url", "prefix", "a b+c/", "delimiter", "/");
        assertEquals("url", value(doc, "EncodingType"));
        assertEquals("a%20b%2Bc/", value(doc, "Prefix"));
        assertEquals("/", value(doc, "Delimiter"));
        assertEquals(List.of("a%20b%2Bc/%C3%BC"), keys(doc));
        assertEquals(List.of("a%20b%2Bc/d/"), prefixes(doc));
        assertEquals(List.of("a b+c/d/e", "a b+c/\u00fc"), keys(h.v2()));
    }

    @Test
    public void maxKeysIsCappedAndZeroListsNothing() {
        h.put("a", "1");
        Document zero = h.v2("max-keys", "0");
        assertEquals(List.of(), keys(zero));
        assertEquals("0", value(zero, "KeyCount"));
        assertEquals("false", value(zero, "IsTruncated"));
        assertEquals("1000", value(h.v2("max-keys", "5000"), "MaxKeys"));
    }

    @Test
    public void badArgumentsAreInvalidArgument() {
        for (String[] bad : List.of(new String[] {"max-keys", "-1"}, new String[] {"max-keys", "ten"},
                new String[] {"encoding-type", "gzip"}, new String[] {"continuation-token", "!!"},
                new String[] {"continuation-token", ""}, new String[] {"continuation-token", "AGE"})) {
            S3Error e = h.error(new ListObjectsV2(), query(bad), "alice", Cred.ROOT, ListingHarness.BUCKET);
            assertEquals(bad[0] + "=" + bad[1], S3Error.INVALID_ARGUMENT, e);
        }
        Throwable token = h.failure(new ListObjectsV2(), query("continuation-token", "bm90IG91cnM"), "alice", Cred.ROOT,
                ListingHarness.BUCKET);
        assertEquals("The continuation token provided is incorrect", token.getMessage());
    }

    @Test
    public void missingBucketAndAnonymousCallersAreRefused() {
        assertEquals(S3Error.NO_SUCH_BUCKET,
                h.error(new ListObjectsV2(), query(), "alice", Cred.ROOT, "nope"));
        assertEquals(S3Error.ACCESS_DENIED,
                h.error(new ListObjectsV2(), query(), null, Cred.ROOT, ListingHarness.BUCKET));
    }

    @Test
    public void foldersAndFilesTheCallerCannotReadAreLeftOut() {
        Cred alice = new Cred(1000, 1000, new int[0]);
        h.put("open/a", "1");
        h.put("secret/b", "1");
        h.put("top", "1");
        h.put("private", "1");
        FileHandle secret = h.fs.resolve(ListingHarness.ROOT + "/secret");
        TestVfs.await(h.fs.vfs().setattr(Cred.ROOT, secret, SetAttrs.mode(0700), Guard.NONE));
        FileHandle hidden = h.fs.resolve(ListingHarness.ROOT + "/private");
        TestVfs.await(h.fs.vfs().setattr(Cred.ROOT, hidden, SetAttrs.mode(0600), Guard.NONE));
        Document doc = h.call(new ListObjectsV2(), query("list-type", "2"), "alice", alice);
        assertEquals(List.of("open/a", "top"), keys(doc));
        Document rolled = h.call(new ListObjectsV2(), query("list-type", "2", "delimiter", "/"), "alice", alice);
        assertEquals("a folder rolled up is not entered, so it shows", List.of("open/", "secret/"), prefixes(rolled));
        FileHandle root = h.fs.resolve(ListingHarness.ROOT);
        TestVfs.await(h.fs.vfs().setattr(Cred.ROOT, root, SetAttrs.mode(0700), Guard.NONE));
        assertEquals(S3Error.ACCESS_DENIED,
                h.error(new ListObjectsV2(), query("list-type", "2"), "alice", alice, ListingHarness.BUCKET));
        assertEquals(List.of("open/a", "private", "secret/b", "top"), keys(h.v2()));
    }

    private void tree() {
        h.put("photos/2023/a.jpg", "a");
        h.put("photos/2024/b.jpg", "b");
        h.put("photos/2024/c.jpg", "c");
        h.put("photos/readme", "r");
        h.put("photo.txt", "p");
        h.put("docs/x", "x");
        assertEquals(List.of("docs/x", "photo.txt", "photos/2023/a.jpg", "photos/2024/b.jpg", "photos/2024/c.jpg",
                "photos/readme"), keys(h.v2()));
        assertEquals(6, children(h.v2().getDocumentElement(), "Contents").size());
    }
}

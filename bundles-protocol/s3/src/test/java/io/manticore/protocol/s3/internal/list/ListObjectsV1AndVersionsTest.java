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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.manticore.api.cred.Cred;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.meta.ObjectStore;
import io.manticore.testkit.LeakCheck;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

public class ListObjectsV1AndVersionsTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final ListingHarness h = new ListingHarness();

    @Before
    public void objects() {
        h.put("a/1", "one");
        h.put("a/2", "two");
        h.put("b", "bee");
        h.put("c/3", "three");
        h.put("d", "dee");
    }

    @After
    public void close() {
        h.close();
    }

    @Test
    public void v1ListsWithOwnerAndElementsInOrder() {
        Document doc = h.v1();
        assertEquals(List.of("Name", "Prefix", "Marker", "MaxKeys", "IsTruncated", "Contents"), elementNames(doc));
        assertEquals(List.of("a/1", "a/2", "b", "c/3", "d"), keys(doc));
        assertEquals("", value(doc, "Marker"));
        Element owner = child(child(doc.getDocumentElement(), "Contents"), "Owner");
        assertEquals("0", child(owner, "ID").getTextContent());
        assertEquals("0", child(owner, "DisplayName").getTextContent());
    }

    @Test
    public void v1GivesNextMarkerOnlyWithADelimiter() {
        Document first = h.v1("delimiter", "/", "max-keys", "2");
        assertEquals(List.of("b"), keys(first));
        assertEquals(List.of("a/"), prefixes(first));
        assertEquals("true", value(first, "IsTruncated"));
        assertEquals("b", value(first, "NextMarker"));
        Document second = h.v1("delimiter", "/", "max-keys", "2", "marker", "b");
        assertEquals(List.of("d"), keys(second));
        assertEquals(List.of("c/"), prefixes(second));
        assertEquals("false", value(second, "IsTruncated"));
        assertNull(value(second, "NextMarker"));
        Document atPrefix = h.v1("delimiter", "/", "max-keys", "1");
        assertEquals("a common prefix can be the NextMarker", "a/", value(atPrefix, "NextMarker"));
        assertEquals(List.of("b"), keys(h.v1("delimiter", "/", "max-keys", "1", "marker", "a/")));
        Document noDelimiter = h.v1("max-keys", "2");
        assertEquals("true", value(noDelimiter, "IsTruncated"));
        assertNull(value(noDelimiter, "NextMarker"));
    }

    @Test
    public void v1EncodesMarkers() {
        h.put("sp ace/x", "1");
        h.put("z", "1");
        Document doc = h.v1("encoding-type", "url", "delimiter", "/", "max-keys", "1", "marker", "r s");
        assertEquals("r%20s", value(doc, "Marker"));
        assertEquals(List.of("sp%20ace/"), prefixes(doc));
        assertEquals("sp%20ace/", value(doc, "NextMarker"));
    }

    @Test
    public void versionsListEachObjectOnceAsTheLatestNullVersion() {
        Document doc = h.versions();
        assertEquals(List.of("Name", "Prefix", "KeyMarker", "VersionIdMarker", "MaxKeys", "IsTruncated", "Version"),
                elementNames(doc));
        List<String> keys = new ArrayList<>();
        for (Element v : children(doc.getDocumentElement(), "Version")) {
            keys.add(child(v, "Key").getTextContent());
            assertEquals("null", child(v, "VersionId").getTextContent());
            assertEquals("true", child(v, "IsLatest").getTextContent());
            assertEquals("STANDARD", child(v, "StorageClass").getTextContent());
            assertEquals("0", child(child(v, "Owner"), "ID").getTextContent());
        }
        assertEquals(List.of("a/1", "a/2", "b", "c/3", "d"), keys);
        Element b = children(doc.getDocumentElement(), "Version").get(2);
        assertEquals("\"" + ObjectStore.hex(ObjectStore.md5().digest("bee".getBytes(StandardCharsets.UTF_8))) + "\"",
                child(b, "ETag").getTextContent());
        assertEquals("3", child(b, "Size").getTextContent());
        assertEquals(0, children(doc.getDocumentElement(), "DeleteMarker").size());
    }

    @Test
    public void versionsPageWithKeyAndVersionMarkers() {
        Document first = h.versions("max-keys", "2");
        assertEquals("true", value(first, "IsTruncated"));
        assertEquals("a/2", value(first, "NextKeyMarker"));
        assertEquals("null", value(first, "NextVersionIdMarker"));
        Document second = h.versions("max-keys", "2", "key-marker", "a/2", "version-id-marker", "null");
        List<String> keys = new ArrayList<>();
        for (Element v : children(second.getDocumentElement(), "Version")) {
            keys.add(child(v, "Key").getTextContent());
        }
        assertEquals(List.of("b", "c/3"), keys);
        assertEquals("a/2", value(second, "KeyMarker"));
        assertEquals("null", value(second, "VersionIdMarker"));
        Document rolled = h.versions("delimiter", "/", "max-keys", "1");
        assertEquals("a/", value(rolled, "NextKeyMarker"));
        assertNull("a common prefix has no version", value(rolled, "NextVersionIdMarker"));
        assertEquals(List.of("a/"), prefixes(rolled));
    }

    @Test
    public void versionsRefuseVersionMarkersTheBucketCannotHave() {
        assertEquals(S3Error.INVALID_ARGUMENT, h.error(new ListObjectVersions(),
                query("versions", "", "key-marker", "b", "version-id-marker", "3HL4kqtJlcpXroDTDmJ"), "alice", Cred.ROOT,
                ListingHarness.BUCKET));
        assertEquals(S3Error.INVALID_ARGUMENT, h.error(new ListObjectVersions(),
                query("versions", "", "version-id-marker", "null"), "alice", Cred.ROOT, ListingHarness.BUCKET));
    }
}

package io.manticore.protocol.s3.internal.list;

import io.manticore.protocol.s3.internal.xml.S3Dates;
import io.manticore.protocol.s3.internal.xml.XmlWriter;

/** The elements the listings share: an object's, and the common prefixes. */
final class ListXml {

    private static final String STORAGE_CLASS = "STANDARD";

    private ListXml() {
    }

    /** A Contents element; Owner only when {@code owner}. */
    private static void contents(XmlWriter xml, ListedObject object, ListParams params, boolean owner) {
        xml.start("Contents")
                .element("Key", params.shown(object.key()))
                .element("LastModified", S3Dates.iso(object.attrs().mtime()))
                .element("ETag", quoted(object.etag()))
                .element("Size", object.size());
        if (owner) {
            owner(xml, object);
        }
        xml.element("StorageClass", STORAGE_CLASS).end();
    }

    /** A Version element of ListObjectVersions: every object has the one version "null", the latest. */
    static void version(XmlWriter xml, ListedObject object, ListParams params) {
        xml.start("Version")
                .element("Key", params.shown(object.key()))
                .element("VersionId", "null")
                .element("IsLatest", true)
                .element("LastModified", S3Dates.iso(object.attrs().mtime()))
                .element("ETag", quoted(object.etag()))
                .element("Size", object.size())
                .element("StorageClass", STORAGE_CLASS);
        owner(xml, object);
        xml.end();
    }

    /** The CommonPrefixes elements of a page, after its objects. */
    static void commonPrefixes(XmlWriter xml, ListingPage page, ListParams params) {
        for (Listed item : page.items()) {
            if (item.commonPrefix()) {
                xml.start("CommonPrefixes").element("Prefix", params.shown(item.text())).end();
            }
        }
    }

    /** The objects of a page as Contents elements. */
    static void allContents(XmlWriter xml, ListingPage page, ListParams params, boolean owner) {
        for (ListedObject object : page.objects()) {
            if (object != null) {
                contents(xml, object, params, owner);
            }
        }
    }

    private static void owner(XmlWriter xml, ListedObject object) {
        String uid = Integer.toString(object.attrs().uid());
        xml.start("Owner").element("ID", uid).element("DisplayName", uid).end();
    }

    private static String quoted(String etag) {
        return '"' + etag + '"';
    }
}

package io.manticore.protocol.s3.internal.xml;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

public class XmlReaderTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private static final String DELETE = "<Delete%s><Quiet>true</Quiet><Object><Key>a</Key></Object>"
            + "<Object><Key>b&amp;c</Key><VersionId>null</VersionId></Object></Delete>";

    @Test
    public void readsWithS3Namespace() {
        assertDelete(XmlReader.parse(String.format(DELETE, " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"")));
    }

    @Test
    public void readsWithoutNamespace() {
        assertDelete(XmlReader.parse(String.format(DELETE, "")));
    }

    @Test
    public void readsWithPrefixedNamespace() {
        XmlReader r = XmlReader.parse("<?xml version=\"1.0\"?><s3:Delete xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<s3:Object><s3:Key>k</s3:Key></s3:Object></s3:Delete>");
        assertEquals("Delete", r.name());
        assertEquals("k", r.children("Object").get(0).text("Key"));
    }

    @Test
    public void missingChildIsNull() {
        XmlReader r = XmlReader.parse("<A><B>1</B></A>");
        assertNull(r.text("C"));
        assertEquals(List.of(), r.children("C"));
        assertEquals("1", r.text("B"));
        assertEquals("1", r.text("A"));
    }

    @Test
    public void doctypeIsRefused() {
        assertMalformed("<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ELEMENT Delete ANY>]><Delete/>");
    }

    @Test
    public void internalEntityExpansionIsRefused() {
        assertMalformed("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                + "<Delete><Object><Key>&b;</Key></Object></Delete>");
    }

    @Test
    public void externalEntityIsRefusedUnread() throws IOException {
        Path secret = temp.newFile("secret").toPath();
        Files.writeString(secret, "top secret", StandardCharsets.UTF_8);
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Delete><Object><Key>&x;</Key></Object></Delete>";
        try {
            XmlReader r = XmlReader.parse(xml);
            fail("parsed, key " + r.children("Object").get(0).text("Key"));
        } catch (S3Exception e) {
            assertEquals(S3Error.MALFORMED_XML, e.error());
            assertEquals("the XML you provided was not well-formed", e.getMessage());
        }
    }

    @Test
    public void externalDtdIsRefused() {
        assertMalformed("<?xml version=\"1.0\"?><!DOCTYPE Delete SYSTEM \"http://127.0.0.1:1/x.dtd\"><Delete/>");
    }

    @Test
    public void malformedDocumentsAreRefused() {
        assertMalformed("");
        assertMalformed("<Delete>");
        assertMalformed("<Delete></Remove>");
        assertMalformed("not xml");
        assertMalformed("<A/><B/>");
        assertMalformed("<A>&undefined;</A>");
    }

    private static void assertDelete(XmlReader r) {
        assertEquals("Delete", r.name());
        assertEquals("true", r.text("Quiet"));
        List<XmlReader> objects = r.children("Object");
        assertEquals(2, objects.size());
        assertEquals("a", objects.get(0).text("Key"));
        assertNull(objects.get(0).text("VersionId"));
        assertEquals("b&c", objects.get(1).text("Key"));
        assertEquals("null", objects.get(1).text("VersionId"));
    }

    private static void assertMalformed(String xml) {
        try {
            XmlReader.parse(xml);
            fail("parsed " + xml);
        } catch (S3Exception e) {
            assertEquals(S3Error.MALFORMED_XML, e.error());
        }
    }
}

package io.manticore.protocol.s3.internal.xml;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/**
 * A request's XML body (DeleteObjects, CompleteMultipartUpload, CreateBucketConfiguration),
 * parsed with DTDs and external entities refused. Elements are matched by local name, so a
 * body with or without S3's namespace reads the same.
 */
public final class XmlReader {

    private final Element element;

    private XmlReader(Element element) {
        this.element = element;
    }

    /** MalformedXML for anything that is not a well-formed document without a DTD. */
    public static XmlReader parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return new XmlReader(builder.parse(new InputSource(new StringReader(xml))).getDocumentElement());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new S3Exception(S3Error.MALFORMED_XML, "the XML you provided was not well-formed");
        }
    }

    /** This element's local name. */
    public String name() {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    /** The text of the first child element called {@code name} (or of this one when it is so called), or null. */
    public String text(String name) {
        if (name.equals(name())) {
            return element.getTextContent();
        }
        for (XmlReader child : children(name)) {
            return child.element.getTextContent();
        }
        return null;
    }

    /** The child elements called {@code name}, in document order. */
    public List<XmlReader> children(String name) {
        List<XmlReader> out = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                out.add(new XmlReader(e));
            }
        }
        return out;
    }
}

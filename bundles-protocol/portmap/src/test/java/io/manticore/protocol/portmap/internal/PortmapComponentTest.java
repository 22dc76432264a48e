package io.manticore.protocol.portmap.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import io.manticore.api.config.ConfigListener;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.runtime.Scheduler;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The component descriptions bnd wrote: what the listener manager and the directory see of portmap. */
public class PortmapComponentTest {

    private static Document description(Class<?> component) throws Exception {
        try (InputStream in = component.getClassLoader().getResourceAsStream("OSGI-INF/" + component.getName() + ".xml")) {
            assertNotNull("bnd wrote a description of " + component.getName(), in);
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static Element only(Document document, String tag, String name) {
        NodeList nodes = document.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (name.equals(e.getAttribute("name")) || name.equals(e.getAttribute("interface"))) {
                return e;
            }
        }
        throw new AssertionError("no " + tag + " " + name);
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.strip().split("\\R")) {
            out.add(line.strip());
        }
        return out;
    }

    @Test
    public void portmapIsAProtocolHandlerNamedPortmapDeclaringProgram100000VersionsTwoToFour() throws Exception {
        Document portmap = description(PortmapProtocol.class);
        only(portmap, "provide", ProtocolHandler.class.getName());
        assertEquals("portmap", only(portmap, "property", ProtocolHandler.PROTOCOL_PROPERTY).getAttribute("value"));
        assertEquals(List.of("100000:2", "100000:3", "100000:4"),
                lines(only(portmap, "property", ProtocolHandler.RPC_PROGRAMS_PROPERTY).getTextContent()));
        assertEquals("portmap", new PortmapProtocol((Rpcbind) null).name());
    }

    @Test
    public void theDirectoryTracksHandlersThatDeclareRpcProgramsAndTheListenerAdmin() throws Exception {
        Document directory = description(RpcProgramDirectory.class);
        Element handlers = only(directory, "reference", ProtocolHandler.class.getName());
        assertEquals("(rpc.programs=*)", handlers.getAttribute("target"));
        assertEquals("0..n", handlers.getAttribute("cardinality"));
        assertEquals("dynamic", handlers.getAttribute("policy"));
        Element listeners = only(directory, "reference", "io.manticore.api.admin.ListenerAdmin");
        assertEquals("0..1", listeners.getAttribute("cardinality"));
        assertEquals("true", directory.getDocumentElement().getAttribute("immediate"));
    }

    @Test
    public void systemRpcbindRegistrationStartsAtOnceAndIsToldOfEveryConfiguration() throws Exception {
        Document registration = description(SystemRpcbind.class);
        only(registration, "provide", ConfigListener.class.getName());
        assertEquals("true", registration.getDocumentElement().getAttribute("immediate"));
        assertEquals("deactivate", registration.getDocumentElement().getAttribute("deactivate"));
        only(registration, "reference", RpcProgramDirectory.class.getName());
        only(registration, "reference", Scheduler.class.getName());
    }
}

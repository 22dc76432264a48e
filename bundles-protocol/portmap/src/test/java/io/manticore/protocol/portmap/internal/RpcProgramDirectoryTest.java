package io.manticore.protocol.portmap.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.protocol.ProtocolHandler;
import org.junit.Test;
import org.osgi.framework.Constants;

public class RpcProgramDirectoryTest {

    private final List<ListenerInfo> listeners = new ArrayList<>();
    private final RpcProgramDirectory directory = new RpcProgramDirectory(() -> List.copyOf(listeners));

    private static Map<String, Object> handler(long id, String protocol, Object programs) {
        return Map.of(Constants.SERVICE_ID, id, ProtocolHandler.PROTOCOL_PROPERTY, protocol,
                ProtocolHandler.RPC_PROGRAMS_PROPERTY, programs);
    }

    private static Mapping tcp(int program, int version, String host, int port) {
        InetAddress address = InetAddress.ofLiteral(host);
        return new Mapping(program, version, Netid.stream(address), new InetSocketAddress(address, port), "manticore");
    }

    private void bound(String protocol, String address, int port) {
        listeners.add(new ListenerInfo(protocol, "tcp", address, port, "BOUND", port, 0, ""));
    }

    @Test
    public void aSingleStringDeclaresOneProgramVersion() {
        directory.addProtocol(handler(1, "mount", "100005:3"));
        bound("mount", "0.0.0.0", 20048);
        assertEquals(List.of(tcp(100005, 3, "0.0.0.0", 20048)), directory.mappings());
    }

    @Test
    public void malformedEntriesAreSkippedAndTheRestKept() {
        directory.addProtocol(handler(1, "mount", new String[] {"100005", "x:1", "100005:1", "-1:2", "1:99999999999", "100005:3"}));
        bound("mount", "10.0.0.1", 20048);
        assertEquals(List.of(tcp(100005, 1, "10.0.0.1", 20048), tcp(100005, 3, "10.0.0.1", 20048)), directory.mappings());
    }

    @Test
    public void programNumbersAreUnsigned() {
        directory.addProtocol(handler(1, "vendor", "4294967295:1"));
        assertTrue(directory.declares(-1, 1));
    }

    @Test
    public void aDualStackListenerIsAnnouncedOnBothNetids() {
        directory.addProtocol(handler(1, "nfs3", new String[] {"100003:3"}));
        bound("nfs3", "::", 2049);
        assertEquals(List.of(tcp(100003, 3, "::", 2049), tcp(100003, 3, "0.0.0.0", 2049)), directory.mappings());
    }

    @Test
    public void eachProtocolOfASharedPortIsAnnouncedOnIt() {
        directory.addProtocol(handler(1, "nfs3", "100003:3"));
        directory.addProtocol(handler(2, "nfs4", "100003:4"));
        directory.addProtocol(handler(3, "mount", "100005:3"));
        bound("nfs4+nfs3", "10.0.0.1", 2049);
        assertEquals(List.of(tcp(100003, 3, "10.0.0.1", 2049), tcp(100003, 4, "10.0.0.1", 2049)), directory.mappings());
    }

    @Test
    public void aUdpListenerIsAnnouncedOnTheUdpNetidsAndATcpOneOnTheTcpNetids() {
        directory.addProtocol(handler(1, "mount", "100005:3"));
        listeners.add(new ListenerInfo("mount", "udp", "::", 20048, "BOUND", 20048, 0, ""));
        bound("mount", "10.0.0.1", 20048);
        InetAddress any6 = InetAddress.ofLiteral("::");
        InetAddress any4 = InetAddress.ofLiteral("0.0.0.0");
        assertEquals(List.of(
                new Mapping(100005, 3, Netid.UDP6, new InetSocketAddress(any6, 20048), "manticore"),
                new Mapping(100005, 3, Netid.UDP, new InetSocketAddress(any4, 20048), "manticore"),
                tcp(100005, 3, "10.0.0.1", 20048)), directory.mappings());
    }

    @Test
    public void listenersNotBoundOrOfOtherProtocolsAreLeftOut() {
        directory.addProtocol(handler(1, "nfs3", "100003:3"));
        listeners.add(new ListenerInfo("nfs3", "tcp", "0.0.0.0", 2049, "FAILED", -1, 0, "address in use"));
        listeners.add(new ListenerInfo("nfs3", "tcp", "0.0.0.0", 2050, "WAITING", -1, 0, "no transport"));
        bound("smb", "0.0.0.0", 445);
        assertEquals(List.of(), directory.mappings());
        assertTrue("declared even when not served", directory.declares(100003, 3));
    }

    @Test
    public void aHandlerThatGoesAwayTakesItsProgramsWithIt() {
        Map<String, Object> nfs = handler(1, "nfs3", "100003:3");
        directory.addProtocol(nfs);
        bound("nfs3", "0.0.0.0", 2049);
        directory.removeProtocol(nfs);
        assertEquals(List.of(), directory.mappings());
        assertFalse(directory.declares(100003, 3));
    }

    @Test
    public void updatedPropertiesReplaceTheDeclaredPrograms() {
        directory.addProtocol(handler(1, "nfs3", "100003:3"));
        directory.updateProtocol(handler(1, "nfs3", "100003:4"));
        assertFalse(directory.declares(100003, 3));
        assertTrue(directory.declares(100003, 4));
    }

    @Test
    public void aHandlerWithoutAProtocolPropertyIsIgnored() {
        directory.addProtocol(Map.of(Constants.SERVICE_ID, 1L, ProtocolHandler.RPC_PROGRAMS_PROPERTY, "100003:3"));
        assertFalse(directory.declares(100003, 3));
    }

    @Test
    public void withoutAListenerAdminNothingIsServed() {
        RpcProgramDirectory alone = new RpcProgramDirectory(null);
        alone.addProtocol(handler(1, "nfs3", "100003:3"));
        assertEquals(List.of(), alone.mappings());
        assertTrue(alone.declares(100003, 3));
    }
}

package io.manticore.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.itest.rpc.Auth;
import io.manticore.itest.rpc.PortmapClient;
import io.manticore.itest.rpc.PortmapClient.Mapping;
import io.manticore.itest.rpc.PortmapClient.Rpcb;
import io.manticore.itest.rpc.RpcClient;

/**
 * The portmap protocol of the assembled server (RFC 1833): PMAP v2 and RPCBIND v3/v4 answer
 * with the ports core's listener manager bound for nfs3, mount, nlm and nsm; a loopback
 * server may register a program of its own but not one Manticore serves.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortmapIT {

    private static final String CONFIG = """
            {
              "listeners": [
                { "protocol": "portmap", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                { "protocol": "nfs3", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                { "protocol": "mount", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                { "protocol": "nlm", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                { "protocol": "nsm", "transport": "tcp", "address": "127.0.0.1", "port": 0 }
              ],
              "mounts": { "mem": { "module": "memfs", "options": { "size": "16m" } } },
              "exports": { "/mem": { "access": "rw" } },
              "shell": { "ssh": false }
            }
            """;
    private static final List<String> PROTOCOLS = List.of("portmap", "nfs3", "mount", "nlm", "nsm");
    private static final int NFS = 100003;
    private static final int MOUNT = 100005;
    private static final int NLM = 100021;
    private static final int NSM = 100024;
    /** In the range RFC 5531 7.3 leaves to users; served by nothing here. */
    private static final int UNKNOWN = 0x2000_0123;
    private static final int THIRD_PARTY = 0x2000_4242;
    private static final int THIRD_PARTY_PORT = 4242;

    @Inject
    private ListenerAdmin listeners;

    private LeakLog leaks;
    private RpcClient connection;
    private PortmapClient portmap;

    @Configuration
    public Option[] config() {
        return Assembly.server(Assembly.newHome("portmap", CONFIG));
    }

    @Before
    public void connect() throws Exception {
        leaks = LeakLog.attach();
        try {
            Await.until("the five listeners BOUND", 30_000, () -> PROTOCOLS.stream().allMatch(p -> boundPort(p) > 0));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; listeners: " + listeners.listeners());
        }
        connection = new RpcClient(boundPort("portmap"));
        portmap = new PortmapClient(connection, Auth.NONE);
    }

    @After
    public void disconnect() throws Exception {
        if (connection != null) {
            connection.close();
        }
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void getportAnswersThePortsTheListenersBound() throws Exception {
        assertEquals(boundPort("nfs3"), portmap.getport(NFS, 3, PortmapClient.IPPROTO_TCP));
        assertEquals(boundPort("mount"), portmap.getport(MOUNT, 3, PortmapClient.IPPROTO_TCP));
        assertEquals(boundPort("mount"), portmap.getport(MOUNT, 1, PortmapClient.IPPROTO_TCP));
        assertEquals(boundPort("nlm"), portmap.getport(NLM, 4, PortmapClient.IPPROTO_TCP));
        assertEquals(boundPort("nsm"), portmap.getport(NSM, 1, PortmapClient.IPPROTO_TCP));
        assertEquals(boundPort("portmap"), portmap.getport(PortmapClient.PROGRAM, 2, PortmapClient.IPPROTO_TCP));
        assertEquals("an unknown program", 0, portmap.getport(UNKNOWN, 1, PortmapClient.IPPROTO_TCP));
        assertEquals("no listener is UDP", 0, portmap.getport(NFS, 3, PortmapClient.IPPROTO_UDP));
    }

    @Test
    public void dumpListsEveryProgramVersionServedAndNothingElse() throws Exception {
        int pm = boundPort("portmap");
        int tcp = PortmapClient.IPPROTO_TCP;
        Set<Mapping> expected = Set.of(
                new Mapping(PortmapClient.PROGRAM, 2, tcp, pm), new Mapping(PortmapClient.PROGRAM, 3, tcp, pm),
                new Mapping(PortmapClient.PROGRAM, 4, tcp, pm),
                new Mapping(NFS, 3, tcp, boundPort("nfs3")),
                new Mapping(MOUNT, 1, tcp, boundPort("mount")), new Mapping(MOUNT, 2, tcp, boundPort("mount")),
                new Mapping(MOUNT, 3, tcp, boundPort("mount")),
                new Mapping(NLM, 4, tcp, boundPort("nlm")),
                new Mapping(NSM, 1, tcp, boundPort("nsm")));
        List<Mapping> dump = portmap.dump();
        assertEquals("no mapping twice: " + dump, dump.size(), new HashSet<>(dump).size());
        assertEquals(expected, new HashSet<>(dump));

        List<Rpcb> rpcbDump = portmap.rpcbDump(PortmapClient.RPCB_VERSION_4);
        assertEquals(rpcbDump.toString(), expected.size(), rpcbDump.size());
        assertTrue(rpcbDump.toString(), rpcbDump.contains(
                new Rpcb(NFS, 3, "tcp", universal(boundPort("nfs3")), "manticore")));
        assertTrue(rpcbDump.toString(), rpcbDump.contains(
                new Rpcb(NLM, 4, "tcp", universal(boundPort("nlm")), "manticore")));
        assertEquals(rpcbDump, portmap.rpcbDump(PortmapClient.RPCB_VERSION_3));
    }

    @Test
    public void rpcbindGetaddrAnswersTheUniversalAddressOfEachProgram() throws Exception {
        for (int version : new int[] {PortmapClient.RPCB_VERSION_3, PortmapClient.RPCB_VERSION_4}) {
            assertEquals(universal(boundPort("nfs3")), portmap.getaddr(version, NFS, 3, "tcp"));
            assertEquals(universal(boundPort("mount")), portmap.getaddr(version, MOUNT, 3, "tcp"));
            assertEquals(universal(boundPort("nlm")), portmap.getaddr(version, NLM, 4, "tcp"));
            assertEquals(universal(boundPort("nsm")), portmap.getaddr(version, NSM, 1, "tcp"));
            assertEquals("RFC 1833 2.2.1: not registered", "", portmap.getaddr(version, UNKNOWN, 1, "tcp"));
        }
        assertEquals("RFC 1833 2.2.1: r_netid is ignored, the call's transport counts",
                universal(boundPort("nfs3")), portmap.getaddr(PortmapClient.RPCB_VERSION_4, NFS, 3, "udp"));
    }

    @Test
    public void aLoopbackSetIsFoundByGetportUntilUnsetRemovesIt() throws Exception {
        Mapping mine = new Mapping(THIRD_PARTY, 1, PortmapClient.IPPROTO_TCP, THIRD_PARTY_PORT);
        try {
            assertTrue("SET from loopback", portmap.set(mine));
            assertEquals(THIRD_PARTY_PORT, portmap.getport(THIRD_PARTY, 1, PortmapClient.IPPROTO_TCP));
            assertTrue(portmap.dump().contains(mine));
            assertEquals("the wildcard mapping merged with the address the caller reached",
                    "127.0.0.1.16.146", portmap.getaddr(PortmapClient.RPCB_VERSION_4, THIRD_PARTY, 1, "tcp"));
            assertFalse("RFC 1833 3.2: a mapping already taken",
                    portmap.set(new Mapping(THIRD_PARTY, 1, PortmapClient.IPPROTO_TCP, THIRD_PARTY_PORT + 1)));
            assertEquals(THIRD_PARTY_PORT, portmap.getport(THIRD_PARTY, 1, PortmapClient.IPPROTO_TCP));

            assertTrue("UNSET", portmap.unset(THIRD_PARTY, 1));
            assertEquals(0, portmap.getport(THIRD_PARTY, 1, PortmapClient.IPPROTO_TCP));
            assertFalse(portmap.dump().contains(mine));
            assertEquals("", portmap.getaddr(PortmapClient.RPCB_VERSION_4, THIRD_PARTY, 1, "tcp"));
            assertFalse("nothing left to UNSET", portmap.unset(THIRD_PARTY, 1));
        } finally {
            portmap.unset(THIRD_PARTY, 1);
        }
    }

    @Test
    public void setOrUnsetOfAProgramManticoreServesIsRefused() throws Exception {
        int nfsPort = boundPort("nfs3");
        assertFalse("SET of NFS 3", portmap.set(new Mapping(NFS, 3, PortmapClient.IPPROTO_TCP, 2049)));
        assertEquals(nfsPort, portmap.getport(NFS, 3, PortmapClient.IPPROTO_TCP));
        assertFalse("UNSET of NFS 3", portmap.unset(NFS, 3));
        assertEquals(nfsPort, portmap.getport(NFS, 3, PortmapClient.IPPROTO_TCP));
        assertEquals(universal(nfsPort), portmap.getaddr(PortmapClient.RPCB_VERSION_4, NFS, 3, "tcp"));
    }

    /** The universal address of 127.0.0.1:{@code port} (RFC 5665 5.2.3.3). */
    private static String universal(int port) {
        return "127.0.0.1." + (port / 256) + "." + (port % 256);
    }

    private int boundPort(String protocol) {
        return listeners.listeners().stream()
                .filter(l -> l.protocol().equals(protocol) && l.state().equals("BOUND"))
                .mapToInt(ListenerInfo::boundPort).findFirst().orElse(-1);
    }
}

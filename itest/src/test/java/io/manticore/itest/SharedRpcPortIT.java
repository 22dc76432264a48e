package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
import io.manticore.itest.rpc.RpcClient;

/**
 * Two ONC RPC protocols on one port (a listener of protocol "nfs3+mount"): libnfs mounts and
 * copies through a single port named as both its NFS and its MOUNT port, and portmap announces
 * that port for both programs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SharedRpcPortIT {

    private static final String SHARED = "nfs3+mount";
    private static final String CONFIG = """
            {
              "listeners": [
                { "protocol": "portmap", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                { "protocol": "nfs3+mount", "transport": "tcp", "address": "127.0.0.1", "port": 0 }
              ],
              "mounts": { "mem": { "module": "memfs", "options": { "size": "32m" } } },
              "exports": { "/mem": { "access": "rw", "squash": "none" } },
              "shell": { "ssh": false }
            }
            """;
    private static final long RUN_MS = 60_000;

    @Inject
    private ListenerAdmin listeners;

    private LeakLog leaks;
    private Path scratch;

    @Configuration
    public Option[] config() {
        return Assembly.server(Assembly.newHome("shared-rpc-port", CONFIG));
    }

    @Before
    public void connect() throws Exception {
        leaks = LeakLog.attach();
        LibNfs.requireInstalled();
        try {
            Await.until("the shared listener BOUND", 30_000, () -> boundPort(SHARED) > 0 && boundPort("portmap") > 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; listeners: " + listeners.listeners());
        }
        scratch = Scratch.create("shared-rpc-port");
    }

    @After
    public void cleanUp() throws Exception {
        Scratch.delete(scratch);
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void libnfsMountsAndCopiesThroughOnePortServingNfsAndMount() throws Exception {
        int port = boundPort(SHARED);
        LibNfs nfs = new LibNfs(scratch, port, port);
        byte[] content = VfsClient.random(7, 1024 * 1024 + 1);
        Path original = scratch.resolve("original.bin");
        Files.write(original, content);

        nfs.cp(original.toString(), nfs.url("/mem", "shared.bin"), RUN_MS).ok();
        ClientRun cat = nfs.cat(nfs.url("/mem", "shared.bin"), RUN_MS).ok();
        assertArrayEquals(content, Files.readAllBytes(cat.stdout()));
        ClientRun ls = nfs.ls(nfs.exportUrl("/mem"), false, RUN_MS).ok();
        assertTrue(Files.readString(ls.stdout()), Files.readString(ls.stdout()).contains("shared.bin"));
    }

    @Test
    public void portmapAnnouncesTheSharedPortForEachOfItsPrograms() throws Exception {
        int port = boundPort(SHARED);
        try (RpcClient connection = new RpcClient(boundPort("portmap"))) {
            PortmapClient portmap = new PortmapClient(connection, Auth.NONE);
            assertEquals(port, portmap.getport(100003, 3, PortmapClient.IPPROTO_TCP));
            assertEquals(port, portmap.getport(100005, 3, PortmapClient.IPPROTO_TCP));
        }
        ListenerInfo shared = listeners.listeners().stream().filter(l -> l.protocol().equals(SHARED)).findFirst().orElseThrow();
        assertEquals("both protocols are installed", "", shared.detail());
    }

    private int boundPort(String protocol) {
        return listeners.listeners().stream()
                .filter(l -> l.protocol().equals(protocol) && l.state().equals("BOUND"))
                .mapToInt(ListenerInfo::boundPort).findFirst().orElse(-1);
    }
}

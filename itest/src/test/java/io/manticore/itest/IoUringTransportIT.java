package io.manticore.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.config.ConfigService;
import io.manticore.api.transport.Transport;

/**
 * The io_uring transport in the assembled server: NFSv3 and MOUNT served over "iouring" to a
 * real client (libnfs-utils), and the NFS listener moved live between "iouring" and "tcp" on
 * the same port by rewriting etc/manticore.json, serving byte-identical data on each.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IoUringTransportIT {

    private static final int FILE_SIZE = 4 * 1024 * 1024;
    private static final long RUN_MS = 30_000;
    private static final String CONFIG = """
            {
              "listeners": [
                { "protocol": "nfs3", "transport": "%s", "address": "127.0.0.1", "port": %d },
                { "protocol": "mount", "transport": "iouring", "address": "127.0.0.1", "port": 0 }
              ],
              "mounts": { "mem": { "module": "memfs", "options": { "size": "64m" } } },
              "exports": { "/mem": { "access": "rw", "squash": "none", "clients": ["127.0.0.0/8"] } },
              "shell": { "ssh": false }
            }
            """;

    @Inject
    private BundleContext context;
    @Inject
    private ListenerAdmin listeners;
    @Inject
    private MountAdmin mounts;
    @Inject
    private ConfigService config;

    private LeakLog leaks;
    private Path scratch;

    @Configuration
    public Option[] config() throws IOException {
        // A fixed port, so moving the listener also shows that closing an io_uring socket frees its port.
        return Assembly.server(Assembly.newHome("iouring", CONFIG.formatted("iouring", freePort())));
    }

    @Before
    public void awaitServer() throws Exception {
        leaks = LeakLog.attach();
        LibNfs.requireInstalled();
        awaitNfsListenerOn("iouring");
        Await.until("the mount listener BOUND on iouring", 30_000, () -> boundPort("mount", "iouring") > 0);
        Await.until("mount mem ACTIVE", 20_000, () -> "ACTIVE".equals(mountState("mem")));
        scratch = Scratch.create("iouring-client");
    }

    @After
    public void cleanUp() throws Exception {
        Scratch.delete(scratch);
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void theIouringTransportIsRegisteredByItsBundleWithNettysNativeIoUring() throws Exception {
        Collection<ServiceReference<Transport>> refs = context.getServiceReferences(Transport.class, "(transport=iouring)");
        assertEquals("Transport services named iouring", 1, refs.size());
        assertEquals("io.manticore.transport.iouring", refs.iterator().next().getBundle().getSymbolicName());
        Bundle nativeFragment = bundle("io.netty.transport-native-io_uring.linux-x86_64");
        assertNotNull("Netty's native io_uring fragment is installed", nativeFragment);
        assertEquals("the native fragment is attached to Netty's io_uring classes", Bundle.RESOLVED, nativeFragment.getState());
    }

    @Test
    public void aFourMebibyteFileCopiedInAndOutOverIoUringIsByteIdentical() throws Exception {
        roundTrip("over-iouring.bin", 1);
    }

    @Test
    public void theNfsListenerMovesLiveToTcpAndBackOnItsPortAndKeepsServing() throws Exception {
        Path file = config.home().resolve("etc/manticore.json");
        int nfsPort = configuredNfsPort();
        int step = 0;
        for (String transport : List.of("tcp", "iouring")) {
            long generation = config.generation();
            step++;
            Files.writeString(file, CONFIG.formatted(transport, nfsPort));
            // A later modification time than any earlier write, so the change is seen even within one second.
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + step * 10_000L));
            Await.until("configuration generation " + (generation + 1), 20_000, () -> config.generation() == generation + 1);
            awaitNfsListenerOn(transport);
            assertEquals("the nfs3 listener's port on " + transport, nfsPort, boundPort("nfs3", transport));
            roundTrip("after-move-to-" + transport + ".bin", 10 + step);
        }
    }

    /** Copies {@value #FILE_SIZE} random bytes to the export with nfs-cp, back with nfs-cp and out with nfs-cat. */
    private void roundTrip(String name, long seed) throws Exception {
        LibNfs nfs = new LibNfs(scratch, boundPort("nfs3", transportOfNfs()), boundPort("mount", "iouring"));
        Path original = scratch.resolve(name);
        Files.write(original, VfsClient.random(seed, FILE_SIZE));
        String url = nfs.url("/mem", name);
        nfs.cp(original.toString(), url, RUN_MS).ok();

        Path back = scratch.resolve(name + ".back");
        nfs.cp(url, back.toString(), RUN_MS).ok();
        assertSameContent("nfs-cp of " + name + " back from the server", original, back);
        assertSameContent("nfs-cat of " + name, original, nfs.cat(url, RUN_MS).ok().stdout());
    }

    private void awaitNfsListenerOn(String transport) throws InterruptedException {
        try {
            Await.until("the nfs3 listener BOUND on " + transport + " alone", 30_000,
                    () -> boundPort("nfs3", transport) > 0 && nfsListeners().size() == 1);
        } catch (AssertionError e) {
            // No cause: Pax Exam reports a failure's root cause, which would drop the listeners.
            throw new AssertionError(e.getMessage() + "; listeners: " + listeners.listeners());
        }
    }

    private List<ListenerInfo> nfsListeners() {
        return listeners.listeners().stream().filter(l -> l.protocol().equals("nfs3")).toList();
    }

    private String transportOfNfs() {
        return nfsListeners().getFirst().transport();
    }

    private int configuredNfsPort() {
        return config.current().listeners().stream().filter(l -> l.protocol().equals("nfs3")).findFirst().orElseThrow().port();
    }

    private int boundPort(String protocol, String transport) {
        return listeners.listeners().stream()
                .filter(l -> l.protocol().equals(protocol) && l.transport().equals(transport) && l.state().equals("BOUND"))
                .mapToInt(ListenerInfo::boundPort).findFirst().orElse(-1);
    }

    private String mountState(String mount) {
        return mounts.mounts().stream().filter(m -> m.name().equals(mount)).map(MountInfo::state).findFirst().orElse(null);
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void assertSameContent(String what, Path expected, Path actual) throws IOException {
        long mismatch = Files.mismatch(expected, actual);
        if (mismatch != -1) {
            throw new AssertionError(what + ": differs from the original at byte " + mismatch + " (original "
                    + Files.size(expected) + " bytes, got " + Files.size(actual) + ")");
        }
    }
}

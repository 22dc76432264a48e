package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.config.ConfigService;
import io.manticore.itest.rpc.Auth;
import io.manticore.itest.rpc.FakeLockClientHost;
import io.manticore.itest.rpc.MountClient;
import io.manticore.itest.rpc.Nfs3;
import io.manticore.itest.rpc.Nfs3Client;
import io.manticore.itest.rpc.NlmClient;
import io.manticore.itest.rpc.NlmClient.Lock;
import io.manticore.itest.rpc.NsmClient;
import io.manticore.itest.rpc.PortmapClient;
import io.manticore.itest.rpc.RpcClient;
import io.manticore.itest.rpc.Sattr3;
import io.manticore.itest.rpc.XdrWriter;

/**
 * NLM after a restart of the NFS bundle (XNFS NLM and NSM): the hosts that held locks are told
 * with SM_NOTIFY, and for the grace period only reclaims are served.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NlmRestartIT {

    private static final String CALLBACK_PORTMAP_PORT = "manticore.nlm.callback.portmap.port";
    private static final int GRACE = 2;
    private static final String NFS3_BUNDLE = "io.manticore.protocol.nfs3";
    private static final String CONFIG = """
            {
              "server": { "nlm_grace_seconds": 2 },
              "listeners": [
                { "protocol": "nfs3", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                { "protocol": "mount", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                { "protocol": "nlm", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                { "protocol": "nsm", "transport": "tcp", "address": "127.0.0.1", "port": 0 }
              ],
              "mounts": { "mem": { "module": "memfs", "options": { "size": "16m" } } },
              "exports": { "/mem": { "access": "rw", "squash": "none" } },
              "shell": { "ssh": false }
            }
            """;
    private static final String HOST_A = "client-a.example";
    private static final String HOST_B = "client-b.example";
    private static final long CALLBACK_WAIT_MS = 10_000;

    @Inject
    private BundleContext context;
    @Inject
    private ListenerAdmin listeners;
    @Inject
    private MountAdmin mounts;
    @Inject
    private ConfigService config;

    private LeakLog leaks;

    @Configuration
    public Option[] config() throws IOException {
        int callbackPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            callbackPort = free.getLocalPort();
        }
        return OptionUtils.combine(Assembly.server(Assembly.newHome("nlm-restart", CONFIG)),
                frameworkProperty(CALLBACK_PORTMAP_PORT).value(Integer.toString(callbackPort)));
    }

    @Before
    public void watchLeaks() throws Exception {
        leaks = LeakLog.attach();
        awaitBound();
        Await.until("mount mem ACTIVE", 20_000, () -> "ACTIVE".equals(mountState("mem")));
    }

    @After
    public void noLeaks() throws Exception {
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void aRestartNotifiesTheHostsThatHeldLocksAndServesOnlyReclaimsDuringGrace() throws Exception {
        int callbackPort = Integer.parseInt(context.getProperty(CALLBACK_PORTMAP_PORT));
        try (FakeLockClientHost host = new FakeLockClientHost(callbackPort)) {
            byte[] fh;
            try (RpcClient mountConnection = new RpcClient(boundPort("mount"));
                 RpcClient nfsConnection = new RpcClient(boundPort("nfs3"))) {
                byte[] root = new MountClient(mountConnection, Auth.root()).root("/mem");
                Nfs3Client.Created made = new Nfs3Client(nfsConnection, Auth.root())
                        .create(root, "reclaimed", Nfs3.GUARDED, Sattr3.mode(0644));
                assertEquals(Nfs3.OK, made.status());
                fh = made.fh();
            }
            Lock a = Lock.of(HOST_A, fh, "owner-a", 101, 0, 10);
            Lock b = Lock.of(HOST_B, fh, "owner-b", 202, 0, 10);
            int stateBefore;
            try (RpcClient nlmConnection = new RpcClient(boundPort("nlm"));
                 RpcClient nsmConnection = new RpcClient(boundPort("nsm"))) {
                NlmClient nlm = new NlmClient(nlmConnection, Auth.root());
                assertEquals(NlmClient.LCK_GRANTED, nlm.lock(cookie("a1"), true, a).status());
                stateBefore = new NsmClient(nsmConnection, Auth.root()).stat(HOST_A).state();
            }
            assertEquals(List.of("127.0.0.1 " + HOST_A), Files.readAllLines(hostsFile(), StandardCharsets.UTF_8));

            restartNfsBundle();

            FakeLockClientHost.Call getport = host.nextCall(CALLBACK_WAIT_MS);
            assertNotNull("the server asked the client's portmapper where NSM is", getport);
            assertEquals(PortmapClient.PROGRAM + ":" + PortmapClient.GETPORT, getport.program() + ":" + getport.procedure());
            assertArrayEquals(new XdrWriter().writeInt(NsmClient.PROGRAM).writeInt(NsmClient.VERSION)
                    .writeInt(PortmapClient.IPPROTO_TCP).writeInt(0).toByteArray(), getport.args());
            FakeLockClientHost.Call notify = host.nextCall(CALLBACK_WAIT_MS);
            assertNotNull("SM_NOTIFY to the host that held a lock", notify);
            assertEquals(List.of(NsmClient.PROGRAM, NsmClient.VERSION, NsmClient.SM_NOTIFY),
                    List.of(notify.program(), notify.version(), notify.procedure()));
            int stateAfter = stateBefore + 2;
            assertArrayEquals("stat_chge: this server's name and its new (odd) state",
                    new XdrWriter().writeString(InetAddress.getLocalHost().getHostName()).writeInt(stateAfter).toByteArray(),
                    notify.args());

            try (RpcClient nlmConnection = new RpcClient(boundPort("nlm"));
                 RpcClient nsmConnection = new RpcClient(boundPort("nsm"))) {
                NlmClient nlm = new NlmClient(nlmConnection, Auth.root());
                assertEquals(new NsmClient.Stat(NsmClient.STAT_SUCC, stateAfter), new NsmClient(nsmConnection, Auth.root()).stat(HOST_A));
                assertEquals(NlmClient.LCK_DENIED_GRACE_PERIOD, nlm.test(cookie("b1"), true, b).status());
                assertEquals(NlmClient.LCK_DENIED_GRACE_PERIOD, nlm.lock(cookie("b2"), true, b.range(20, 10)).status());
                assertEquals(NlmClient.LCK_DENIED_GRACE_PERIOD, nlm.unlock(cookie("a2"), a).status());
                NlmClient.Res reclaim = nlm.lock(cookie("a3"), false, true, a, true, 3);
                assertArrayEquals(cookie("a3"), reclaim.cookie());
                assertEquals("a reclaim in the grace period", NlmClient.LCK_GRANTED, reclaim.status());
                assertEquals(List.of("127.0.0.1 " + HOST_A), Files.readAllLines(hostsFile(), StandardCharsets.UTF_8));

                Await.until("the end of the " + GRACE + " s grace period", (GRACE + 10) * 1000L, () -> {
                    try {
                        return nlm.test(cookie("b3"), true, b).status() != NlmClient.LCK_DENIED_GRACE_PERIOD;
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
                NlmClient.TestResult conflict = nlm.test(cookie("b4"), true, b);
                assertEquals(NlmClient.LCK_DENIED, conflict.status());
                assertEquals(a.holder(true), conflict.holder());
                assertEquals("no reclaim after the grace period", NlmClient.LCK_DENIED_GRACE_PERIOD,
                        nlm.lock(cookie("a4"), false, true, a.range(40, 1), true, 3).status());
                assertEquals(NlmClient.LCK_GRANTED, nlm.unlock(cookie("a5"), a).status());
                assertEquals(NlmClient.LCK_GRANTED, nlm.lock(cookie("b5"), true, b).status());
                assertEquals(NlmClient.LCK_GRANTED, nlm.unlock(cookie("b6"), b).status());
            }
            assertEquals(List.of(), host.failures());
        }
    }

    private void restartNfsBundle() throws Exception {
        Bundle nfs = Arrays.stream(context.getBundles()).filter(b -> NFS3_BUNDLE.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("no bundle " + NFS3_BUNDLE));
        nfs.stop(Bundle.STOP_TRANSIENT);
        Await.until("the nlm listener WAITING", 20_000, () -> boundPort("nlm") < 0);
        nfs.start(Bundle.START_TRANSIENT);
        awaitBound();
    }

    private void awaitBound() throws InterruptedException {
        try {
            Await.until("the nfs3, mount, nlm and nsm listeners BOUND", 30_000, () -> boundPort("nfs3") > 0
                    && boundPort("mount") > 0 && boundPort("nlm") > 0 && boundPort("nsm") > 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; listeners: " + listeners.listeners());
        }
    }

    private Path hostsFile() {
        return config.varDirectory().resolve("nfs").resolve("nsm").resolve("hosts");
    }

    private static byte[] cookie(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private int boundPort(String protocol) {
        return listeners.listeners().stream()
                .filter(l -> l.protocol().equals(protocol) && l.state().equals("BOUND"))
                .mapToInt(ListenerInfo::boundPort).findFirst().orElse(-1);
    }

    private String mountState(String name) {
        return mounts.mounts().stream().filter(m -> m.name().equals(name)).map(MountInfo::state).findFirst().orElse(null);
    }
}

package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
import org.osgi.framework.BundleContext;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.config.ConfigService;
import io.manticore.itest.rpc.Auth;
import io.manticore.itest.rpc.MountClient;
import io.manticore.itest.rpc.Nfs3;
import io.manticore.itest.rpc.Nfs3Client;
import io.manticore.itest.rpc.RpcClient;
import io.manticore.itest.rpc.RpcReply;
import io.manticore.itest.rpc.Sattr3;
import io.manticore.itest.rpc.XdrWriter;

/**
 * The nfs3 bundle updated between a call and its retransmission: the duplicate-request cache
 * goes to the new version, so a CREATE or REMOVE a client sends again after reconnecting gets its
 * first reply instead of running twice.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Nfs3HotUpdateIT {

    private static final String NFS3_BUNDLE = "io.manticore.protocol.nfs3";

    @Inject
    private BundleContext context;
    @Inject
    private ConfigService config;
    @Inject
    private ListenerAdmin listeners;

    private LeakLog leaks;

    @Configuration
    public Option[] config() {
        // Fixed ports: the listeners are bound again after the update, where the client reconnects.
        return Assembly.server(Assembly.newHome("nfs3-hot-update", """
                {
                  "listeners": [
                    { "protocol": "nfs3", "transport": "tcp", "address": "127.0.0.1", "port": %d },
                    { "protocol": "mount", "transport": "tcp", "address": "127.0.0.1", "port": %d }
                  ],
                  "mounts": { "mem": { "module": "memfs", "options": { "size": "16m" } } },
                  "exports": { "/mem": { "access": "rw", "squash": "none" } },
                  "shell": { "ssh": false }
                }
                """.formatted(DeployedBundle.freePort(), DeployedBundle.freePort())));
    }

    @Before
    public void setUp() throws Exception {
        leaks = LeakLog.attach();
        Await.until("the nfs3 and mount listeners BOUND", 30_000, () -> boundPort("nfs3") > 0 && boundPort("mount") > 0);
    }

    @After
    public void cleanUp() throws Exception {
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void aCallRetransmittedAfterAnUpdateGetsItsFirstReply() throws Exception {
        int nfsPort = boundPort("nfs3");
        byte[] root;
        try (RpcClient mountConnection = new RpcClient(boundPort("mount"))) {
            root = new MountClient(mountConnection, Auth.root()).root("/mem");
        }
        byte[] create;
        RpcReply created;
        byte[] remove;
        RpcReply removed;
        try (RpcClient before = new RpcClient(nfsPort)) {
            Nfs3Client nfs = new Nfs3Client(before, Auth.root());
            created = nfs.call(Nfs3.CREATE, Nfs3Client.createArgs(root, "once", Nfs3.GUARDED, Sattr3.mode(0644)));
            assertEquals(Nfs3.OK, Nfs3Client.Created.read(created.success()).status());
            create = before.lastCall();
            assertEquals(Nfs3.OK, nfs.create(root, "twice", Nfs3.GUARDED, Sattr3.mode(0644)).status());
            removed = nfs.call(Nfs3.REMOVE, new XdrWriter().writeOpaque(root).writeString("twice").toByteArray());
            assertEquals(Nfs3.OK, removed.success().readInt());
            remove = before.lastCall();
        }

        new DeployedBundle(context, config.home().resolve("deploy"), "manticore-nfs3", NFS3_BUNDLE).update(1);
        Await.until("the nfs3 listener bound again", 30_000, () -> boundPort("nfs3") == nfsPort);

        try (RpcClient after = new RpcClient(nfsPort)) {
            after.sendRecord(create);
            assertArrayEquals("the CREATE sent again is answered OK, as the first time, not EXIST", created.results(),
                    after.expectReply(created.xid()).results());
            after.sendRecord(remove);
            assertArrayEquals("the REMOVE sent again is answered OK, not NOENT", removed.results(),
                    after.expectReply(removed.xid()).results());
        }
    }

    private int boundPort(String protocol) {
        return listeners.listeners().stream()
                .filter(l -> l.protocol().equals(protocol) && l.state().equals("BOUND"))
                .mapToInt(ListenerInfo::boundPort).findFirst().orElse(-1);
    }
}

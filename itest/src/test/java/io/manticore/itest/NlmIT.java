package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
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
import org.osgi.framework.BundleContext;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.config.ConfigService;
import io.manticore.api.cred.Cred;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockRange;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;
import io.manticore.itest.rpc.Auth;
import io.manticore.itest.rpc.FakeLockClientHost;
import io.manticore.itest.rpc.MountClient;
import io.manticore.itest.rpc.Nfs3;
import io.manticore.itest.rpc.Nfs3Client;
import io.manticore.itest.rpc.NlmClient;
import io.manticore.itest.rpc.NlmClient.Lock;
import io.manticore.itest.rpc.NlmClient.Res;
import io.manticore.itest.rpc.NlmClient.TestResult;
import io.manticore.itest.rpc.NsmClient;
import io.manticore.itest.rpc.PortmapClient;
import io.manticore.itest.rpc.RpcClient;
import io.manticore.itest.rpc.RpcReply;
import io.manticore.itest.rpc.Sattr3;
import io.manticore.itest.rpc.XdrReader;
import io.manticore.itest.rpc.XdrWriter;

/**
 * NLM v4 and NSM of the assembled server (XNFS), driven call by call with a hand-written RPC
 * client on files made over NFSv3: conflicts reported and refused, shared locks, blocked
 * requests granted by a callback to a fake client host or cancelled, a host's locks released by
 * FREE_ALL and SM_NOTIFY, forged handles, the reply cache, and what {@code nas:locks} and
 * {@code nas:clients} show.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NlmIT {

    /** Nfs3Component's framework property: where the client hosts' portmappers listen. */
    private static final String CALLBACK_PORTMAP_PORT = "manticore.nlm.callback.portmap.port";
    private static final String CONFIG = """
            {
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
    private static final int SVID_A = 101;
    private static final int SVID_B = 202;
    /** Linux's first NSM state after a fresh start is 1; this server counts 3 for its first life (MonitoredHosts). */
    private static final int FIRST_STATE = 3;
    private static final long CALLBACK_WAIT_MS = 10_000;

    @Inject
    private BundleContext context;
    @Inject
    private ListenerAdmin listeners;
    @Inject
    private MountAdmin mounts;
    @Inject
    private ConfigService config;
    @Inject
    private Vfs vfs;
    @Inject
    private LeaseManager leases;
    @Inject
    private CommandProcessor commands;

    private LeakLog leaks;
    private RpcClient nfsConnection;
    private RpcClient mountConnection;
    private RpcClient nlmConnection;
    private RpcClient nsmConnection;
    private Nfs3Client nfs;
    private MountClient mount;
    private NlmClient nlm;
    private NsmClient nsm;
    private byte[] memRoot;

    @Configuration
    public Option[] config() throws IOException {
        int callbackPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            callbackPort = free.getLocalPort();
        }
        return OptionUtils.combine(Assembly.server(Assembly.newHome("nlm", CONFIG)),
                frameworkProperty(CALLBACK_PORTMAP_PORT).value(Integer.toString(callbackPort)));
    }

    @Before
    public void connect() throws Exception {
        leaks = LeakLog.attach();
        try {
            Await.until("the nfs3, mount, nlm and nsm listeners BOUND", 30_000, () -> boundPort("nfs3") > 0
                    && boundPort("mount") > 0 && boundPort("nlm") > 0 && boundPort("nsm") > 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; listeners: " + listeners.listeners());
        }
        Await.until("mount mem ACTIVE", 20_000, () -> "ACTIVE".equals(mountState("mem")));
        nfsConnection = new RpcClient(boundPort("nfs3"));
        mountConnection = new RpcClient(boundPort("mount"));
        nlmConnection = new RpcClient(boundPort("nlm"));
        nsmConnection = new RpcClient(boundPort("nsm"));
        nfs = new Nfs3Client(nfsConnection, Auth.root());
        mount = new MountClient(mountConnection, Auth.root());
        nlm = new NlmClient(nlmConnection, Auth.root());
        nsm = new NsmClient(nsmConnection, Auth.root());
        memRoot = mount.root("/mem");
    }

    @After
    public void disconnect() throws Exception {
        for (RpcClient c : new RpcClient[] {nfsConnection, mountConnection, nlmConnection, nsmConnection}) {
            if (c != null) {
                c.close();
            }
        }
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    // ---- conflicts ----

    @Test
    public void anExclusiveLockIsReportedToAnotherOwnerAndDeniesIt() throws Exception {
        byte[] fh = newFile("exclusive");
        Lock a = Lock.of(HOST_A, fh, "owner-a", SVID_A, 0, 100);
        Lock b = Lock.of(HOST_B, fh, "owner-b", SVID_B, 50, 10);

        assertRes("a1", NlmClient.LCK_GRANTED, nlm.lock(cookie("a1"), true, a));
        TestResult exclusiveTest = nlm.test(cookie("b1"), true, b);
        assertArrayEquals(cookie("b1"), exclusiveTest.cookie());
        assertEquals(NlmClient.LCK_DENIED, exclusiveTest.status());
        assertEquals(a.holder(true), exclusiveTest.holder());
        TestResult sharedTest = nlm.test(cookie("b2"), false, b);
        assertEquals(NlmClient.LCK_DENIED, sharedTest.status());
        assertEquals("a shared lock conflicts with an exclusive one too", a.holder(true), sharedTest.holder());
        TestResult own = nlm.test(cookie("a2"), true, a.range(0, 0));
        assertEquals("an owner's own locks never conflict", NlmClient.LCK_GRANTED, own.status());
        assertNull(own.holder());
        assertEquals("past the held range", NlmClient.LCK_GRANTED, nlm.test(cookie("b3"), true, b.range(100, 10)).status());

        assertRes("b4", NlmClient.LCK_DENIED, nlm.lock(cookie("b4"), true, b));
        assertRes("unlocking what one does not hold is no error", "b5", NlmClient.LCK_GRANTED, nlm.unlock(cookie("b5"), b));
        List<LockInfo> held = leases.locks(vfsHandle("exclusive"));
        assertEquals(held.toString(), 1, held.size());
        assertHeld(held.get(0), HOST_A, new LockRange(0, 100), true);

        assertRes("a3", NlmClient.LCK_GRANTED, nlm.unlock(cookie("a3"), a));
        assertRes("b6", NlmClient.LCK_GRANTED, nlm.lock(cookie("b6"), true, b));
        assertEquals(b.holder(true), nlm.test(cookie("a4"), false, a).holder());
        assertRes("b7", NlmClient.LCK_GRANTED, nlm.unlock(cookie("b7"), b));
        assertEquals(List.of(), leases.locks(vfsHandle("exclusive")));
    }

    @Test
    public void sharedLocksOfTwoOwnersCoexistAndEachIsReportedToAWriter() throws Exception {
        byte[] fh = newFile("shared");
        Lock a = Lock.of(HOST_A, fh, "owner-a", SVID_A, 100, 10);
        Lock b = Lock.of(HOST_B, fh, "owner-b", SVID_B, 105, 10);
        Lock writer = Lock.of(HOST_B, fh, "writer", 303, 100, 20);

        assertRes("a1", NlmClient.LCK_GRANTED, nlm.lock(cookie("a1"), false, a));
        assertRes("b1", NlmClient.LCK_GRANTED, nlm.lock(cookie("b1"), false, b));
        assertEquals("another reader is let in", NlmClient.LCK_GRANTED, nlm.test(cookie("r1"), false, writer).status());
        TestResult first = nlm.test(cookie("w1"), true, writer);
        assertEquals(NlmClient.LCK_DENIED, first.status());
        assertEquals("the conflicting lock with the lowest offset", a.holder(false), first.holder());
        TestResult second = nlm.test(cookie("w2"), true, writer.range(110, 10));
        assertEquals(NlmClient.LCK_DENIED, second.status());
        assertEquals(b.holder(false), second.holder());
        assertRes("w3", NlmClient.LCK_DENIED, nlm.lock(cookie("w3"), true, writer));

        assertRes("a2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("a2"), a));
        assertEquals(b.holder(false), nlm.test(cookie("w4"), true, writer).holder());
        assertRes("b2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("b2"), b));
        assertEquals(NlmClient.LCK_GRANTED, nlm.test(cookie("w5"), true, writer).status());
        assertRes("w6", NlmClient.LCK_GRANTED, nlm.lock(cookie("w6"), true, writer));
        assertRes("w7", NlmClient.LCK_GRANTED, nlm.unlock(cookie("w7"), writer));
    }

    // ---- blocked requests ----

    @Test
    public void aBlockedLockIsGrantedWithACallbackToTheClientHostWhenTheHolderUnlocks() throws Exception {
        try (FakeLockClientHost host = new FakeLockClientHost(callbackPort())) {
            byte[] fh = newFile("blocked");
            Lock a = Lock.of(HOST_A, fh, "owner-a", SVID_A, 0, 100);
            Lock b = Lock.of(HOST_B, fh, "owner-b", SVID_B, 10, 20);
            assertRes("a1", NlmClient.LCK_GRANTED, nlm.lock(cookie("a1"), true, a));
            assertRes("b-wait", NlmClient.LCK_BLOCKED, nlm.lock(cookie("b-wait"), true, true, b, false, 7));
            assertNull("no callback while the lock is held", host.nextCall(0));

            assertRes("a2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("a2"), a));
            FakeLockClientHost.Call getport = host.nextCall(CALLBACK_WAIT_MS);
            assertNotNull("the server asked the client's portmapper where NLM is", getport);
            assertEquals(List.of(PortmapClient.PROGRAM, PortmapClient.PMAP_VERSION, PortmapClient.GETPORT),
                    List.of(getport.program(), getport.version(), getport.procedure()));
            assertArrayEquals("GETPORT of NLM 4 over TCP", new XdrWriter().writeInt(NlmClient.PROGRAM)
                    .writeInt(NlmClient.VERSION).writeInt(PortmapClient.IPPROTO_TCP).writeInt(0).toByteArray(), getport.args());
            FakeLockClientHost.Call granted = host.nextCall(CALLBACK_WAIT_MS);
            assertNotNull("NLM4_GRANTED called back", granted);
            assertEquals(List.of(NlmClient.PROGRAM, NlmClient.VERSION, NlmClient.GRANTED),
                    List.of(granted.program(), granted.version(), granted.procedure()));
            XdrReader args = new XdrReader(granted.args());
            assertArrayEquals("the cookie of the blocked LOCK", cookie("b-wait"), args.readOpaque());
            assertTrue("exclusive", args.readBool());
            assertEquals(b, Lock.read(args));
            args.end();
            assertArrayEquals(NlmClient.testArgs(cookie("b-wait"), true, b), granted.args());

            List<LockInfo> held = leases.locks(vfsHandle("blocked"));
            assertEquals(held.toString(), 1, held.size());
            assertHeld(held.get(0), HOST_B, new LockRange(10, 20), true);
            assertEquals(b.holder(true), nlm.test(cookie("a3"), false, a).holder());
            assertRes("b2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("b2"), b));
            assertNull("one callback only", host.nextCall(200));
            assertEquals(List.of(), host.failures());
        }
    }

    @Test
    public void aLockMsgAndATestMsgAnswerThroughTheClientsNlmAsLockResAndTestRes() throws Exception {
        try (FakeLockClientHost host = new FakeLockClientHost(callbackPort())) {
            byte[] fh = newFile("messages");
            Lock a = Lock.of(HOST_A, fh, "owner-a", SVID_A, 0, 100);
            Lock b = Lock.of(HOST_B, fh, "owner-b", SVID_B, 50, 10);
            nlm.lockMsg(cookie("a-msg"), true, a);
            assertEquals(List.of(PortmapClient.PROGRAM + ":" + PortmapClient.GETPORT,
                    NlmClient.PROGRAM + ":" + (NlmClient.LOCK + 2 * NlmClient.MSG_OFFSET)), calls(host, 2));
            nlm.testMsg(cookie("b-msg"), true, b);
            List<FakeLockClientHost.Call> testRes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                testRes.add(host.nextCall(CALLBACK_WAIT_MS));
            }
            XdrReader res = new XdrReader(testRes.get(1).args());
            assertArrayEquals(cookie("b-msg"), res.readOpaque());
            assertEquals("TEST_RES: denied by a's lock", NlmClient.LCK_DENIED, res.readInt());
            assertEquals(a.holder(true), new NlmClient.Holder(res.readBool(), res.readInt(), res.readOpaque(), res.readHyper(),
                    res.readHyper()));
            res.end();
            assertRes("a2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("a2"), a));
            assertEquals(List.of(), host.failures());
        }
    }

    @Test
    public void aShareReservationDeniesAWriterUntilUnshared() throws Exception {
        byte[] fh = newFile("share-reserved");
        int denyWrite = 2;
        int read = 1;
        int write = 2;
        byte[] ohA = "share-a".getBytes(StandardCharsets.UTF_8);
        byte[] ohB = "share-b".getBytes(StandardCharsets.UTF_8);
        assertEquals(NlmClient.LCK_GRANTED, nlm.share(NlmClient.SHARE, cookie("s1"), HOST_A, fh, ohA, denyWrite, read));
        assertEquals(NlmClient.LCK_DENIED, nlm.share(NlmClient.SHARE, cookie("s2"), HOST_B, fh, ohB, 0, write));
        assertEquals(1, leases.shares().size());
        assertEquals(NlmClient.LCK_GRANTED, nlm.share(NlmClient.UNSHARE, cookie("s3"), HOST_A, fh, ohA, denyWrite, read));
        assertEquals(NlmClient.LCK_GRANTED, nlm.share(NlmClient.SHARE, cookie("s4"), HOST_B, fh, ohB, 0, write));
        nlm.freeAll(HOST_B, 1);
        assertEquals("FREE_ALL drops the host's reservations", List.of(), leases.shares());
    }

    private static List<String> calls(FakeLockClientHost host, int count) throws InterruptedException {
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FakeLockClientHost.Call c = host.nextCall(CALLBACK_WAIT_MS);
            calls.add(c == null ? "none" : c.program() + ":" + c.procedure());
        }
        return calls;
    }

    @Test
    public void aRepeatedBlockedLockWaitsOnceAndIsGrantedWithOneCallback() throws Exception {
        try (FakeLockClientHost host = new FakeLockClientHost(callbackPort())) {
            byte[] fh = newFile("repeated");
            Lock a = Lock.of(HOST_A, fh, "owner-a", SVID_A, 0, 10);
            Lock b = Lock.of(HOST_B, fh, "owner-b", SVID_B, 0, 10);
            assertRes("a1", NlmClient.LCK_GRANTED, nlm.lock(cookie("a1"), true, a));
            // A client polls its blocked lock by sending the LOCK again (Linux: every 30 s), with a new xid.
            assertRes("b-poll", NlmClient.LCK_BLOCKED, nlm.lock(cookie("b-poll"), true, true, b, false, 3));
            assertRes("b-poll", NlmClient.LCK_BLOCKED, nlm.lock(cookie("b-poll"), true, true, b, false, 3));
            assertEquals("one waiting request", 2, leases.locks(vfsHandle("repeated")).size());

            assertRes("a2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("a2"), a));
            List<FakeLockClientHost.Call> calls = new ArrayList<>();
            for (FakeLockClientHost.Call c = host.nextCall(CALLBACK_WAIT_MS); c != null; c = host.nextCall(1_000)) {
                calls.add(c);
            }
            assertEquals("one grant, one GETPORT and one NLM4_GRANTED: " + calls,
                    List.of(PortmapClient.PROGRAM + ":" + PortmapClient.GETPORT, NlmClient.PROGRAM + ":" + NlmClient.GRANTED),
                    calls.stream().map(c -> c.program() + ":" + c.procedure()).toList());
            assertArrayEquals(NlmClient.testArgs(cookie("b-poll"), true, b), calls.get(1).args());
            assertRes("b1", NlmClient.LCK_GRANTED, nlm.unlock(cookie("b1"), b));
        }
    }

    @Test
    public void aBlockedLockWhoseCallbackFailsIsHeldAndTheClientsNextPollIsGranted() throws Exception {
        byte[] fh = newFile("no-callback");
        Lock a = Lock.of(HOST_A, fh, "owner-a", SVID_A, 0, 10);
        Lock b = Lock.of(HOST_B, fh, "owner-b", SVID_B, 0, 10);
        assertRes("a1", NlmClient.LCK_GRANTED, nlm.lock(cookie("a1"), true, a));
        assertRes("b1", NlmClient.LCK_BLOCKED, nlm.lock(cookie("b1"), true, true, b, false, 3));
        // Nothing listens on the callback port in this test: the NLM4_GRANTED call fails.
        assertRes("a2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("a2"), a));
        List<LockInfo> held = leases.locks(vfsHandle("no-callback"));
        assertEquals(held.toString(), 1, held.size());
        assertHeld(held.get(0), HOST_B, new LockRange(0, 10), true);
        assertRes("b2", NlmClient.LCK_GRANTED, nlm.lock(cookie("b2"), true, true, b, false, 3));
        assertEquals(b.holder(true), nlm.test(cookie("a3"), true, a).holder());
        assertRes("b3", NlmClient.LCK_GRANTED, nlm.unlock(cookie("b3"), b));
    }

    @Test
    public void aRequestThatWouldCloseACycleOfWaitingOwnersIsADeadlock() throws Exception {
        byte[] fh = newFile("deadlock");
        Lock a = Lock.of(HOST_A, fh, "owner-a", SVID_A, 0, 10);
        Lock b = Lock.of(HOST_B, fh, "owner-b", SVID_B, 10, 10);
        assertRes("a1", NlmClient.LCK_GRANTED, nlm.lock(cookie("a1"), true, a));
        assertRes("b1", NlmClient.LCK_GRANTED, nlm.lock(cookie("b1"), true, b));
        assertRes("a waits for b", "a2", NlmClient.LCK_BLOCKED, nlm.lock(cookie("a2"), true, true, a.range(10, 10), false, 3));
        assertRes("b would wait for a, which waits for b", "b2", NlmClient.LCK_DEADLCK,
                nlm.lock(cookie("b2"), true, true, b.range(0, 10), false, 3));
        assertEquals("held, held, a's request", 3, leases.locks(vfsHandle("deadlock")).size());

        assertRes("a3", NlmClient.LCK_GRANTED, nlm.cancel(cookie("a3"), true, true, a.range(10, 10)));
        assertRes("a4", NlmClient.LCK_GRANTED, nlm.unlock(cookie("a4"), a));
        assertRes("b3", NlmClient.LCK_GRANTED, nlm.unlock(cookie("b3"), b));
        assertEquals(List.of(), leases.locks(vfsHandle("deadlock")));
    }

    @Test
    public void aCancelledBlockedRequestIsNeverGranted() throws Exception {
        try (FakeLockClientHost host = new FakeLockClientHost(callbackPort())) {
            byte[] fh = newFile("cancel");
            Lock a = Lock.of(HOST_A, fh, "owner-a", SVID_A, 0, 0);
            Lock b = Lock.of(HOST_B, fh, "owner-b", SVID_B, 0, 1);
            assertRes("a1", NlmClient.LCK_GRANTED, nlm.lock(cookie("a1"), true, a));
            assertRes("b1", NlmClient.LCK_BLOCKED, nlm.lock(cookie("b1"), true, true, b, false, 7));
            List<LockInfo> before = leases.locks(vfsHandle("cancel"));
            assertEquals(before.toString(), 2, before.size());
            assertTrue("the request waits", before.get(1).waiting());

            assertRes("b2", NlmClient.LCK_GRANTED, nlm.cancel(cookie("b2"), true, true, b));
            List<LockInfo> after = leases.locks(vfsHandle("cancel"));
            assertEquals(after.toString(), 1, after.size());
            assertHeld(after.get(0), HOST_A, LockRange.WHOLE_FILE, true);
            assertRes("XNFS NLM_CANCEL: no request left to cancel", "b3", NlmClient.LCK_DENIED,
                    nlm.cancel(cookie("b3"), true, true, b));

            assertRes("a2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("a2"), a));
            assertEquals(List.of(), leases.locks(vfsHandle("cancel")));
            assertEquals(NlmClient.LCK_GRANTED, nlm.test(cookie("c1"), true, Lock.of(HOST_A, fh, "c", 9, 0, 0)).status());
            assertNull("no NLM4_GRANTED for a cancelled request", host.nextCall(500));
        }
    }

    @Test
    public void nmLockNeverBlocksAndAReclaimOutsideTheGracePeriodIsRefused() throws Exception {
        byte[] fh = newFile("nm-lock");
        Lock a = Lock.of(HOST_A, fh, "owner-a", SVID_A, 0, 10);
        Lock b = Lock.of("nm-host", fh, "owner-b", SVID_B, 5, 10);
        assertRes("a1", NlmClient.LCK_GRANTED, nlm.lock(cookie("a1"), true, a));
        assertRes("NM_LOCK answers at once, even when asked to block", "b1", NlmClient.LCK_DENIED,
                nlm.nmLock(cookie("b1"), true, true, b));
        assertEquals("no request waits", 1, leases.locks(vfsHandle("nm-lock")).size());
        assertRes("b2", NlmClient.LCK_GRANTED, nlm.nmLock(cookie("b2"), false, true, b.range(10, 5)));
        assertFalse("NM_LOCK does not monitor its host", monitoredHosts().contains("127.0.0.1 nm-host"));
        assertTrue("LOCK monitors its host", monitoredHosts().contains("127.0.0.1 " + HOST_A));

        assertRes("no grace period after a first start", "r1", NlmClient.LCK_DENIED_GRACE_PERIOD,
                nlm.lock(cookie("r1"), false, true, a.range(100, 1), true, 3));
        assertEquals(2, leases.locks(vfsHandle("nm-lock")).size());
        assertRes("a2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("a2"), a));
        assertRes("b3", NlmClient.LCK_GRANTED, nlm.unlock(cookie("b3"), b.range(10, 5)));
        assertEquals(List.of(), leases.locks(vfsHandle("nm-lock")));
    }

    // ---- a host's locks released ----

    @Test
    public void freeAllReleasesEveryLockAndRequestOfTheHost() throws Exception {
        byte[] fh = newFile("free-all");
        String freed = "free-all.example";
        Lock first = Lock.of(freed, fh, "free-1", 1, 0, 10);
        Lock second = Lock.of(freed, fh, "free-2", 2, 20, 10);
        Lock other = Lock.of(HOST_A, fh, "owner-a", SVID_A, 40, 10);
        Lock waiting = Lock.of(freed, fh, "free-3", 3, 40, 10);
        assertRes("f1", NlmClient.LCK_GRANTED, nlm.lock(cookie("f1"), true, first));
        assertRes("f2", NlmClient.LCK_GRANTED, nlm.lock(cookie("f2"), false, second));
        assertRes("o1", NlmClient.LCK_GRANTED, nlm.lock(cookie("o1"), true, other));
        assertRes("f3", NlmClient.LCK_BLOCKED, nlm.lock(cookie("f3"), true, true, waiting, false, 3));
        assertEquals(4, leases.locks(vfsHandle("free-all")).size());
        assertTrue(monitoredHosts().toString(), monitoredHosts().contains("127.0.0.1 " + freed));

        nlm.freeAll(freed, 5);
        List<LockInfo> left = leases.locks(vfsHandle("free-all"));
        assertEquals(left.toString(), 1, left.size());
        assertHeld(left.get(0), HOST_A, new LockRange(40, 10), true);
        assertEquals(NlmClient.LCK_GRANTED, nlm.test(cookie("t1"), true, Lock.of(HOST_B, fh, "t", 7, 0, 40)).status());
        assertFalse("the host is no longer monitored", monitoredHosts().contains("127.0.0.1 " + freed));

        assertRes("o2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("o2"), other));
        assertEquals("the cancelled request is not granted", List.of(), leases.locks(vfsHandle("free-all")));
    }

    @Test
    public void smNotifyOfARebootedHostReleasesItsLocksAndRequests() throws Exception {
        assertEquals(new NsmClient.Stat(NsmClient.STAT_SUCC, FIRST_STATE), nsm.stat(HOST_A));
        byte[] fh = newFile("sm-notify");
        String rebooted = "rebooted.example";
        Lock held = Lock.of(rebooted, fh, "r-1", 1, 0, 10);
        Lock other = Lock.of(HOST_A, fh, "owner-a", SVID_A, 10, 10);
        Lock waiting = Lock.of(rebooted, fh, "r-2", 2, 10, 10);
        assertRes("r1", NlmClient.LCK_GRANTED, nlm.lock(cookie("r1"), true, held));
        assertRes("o1", NlmClient.LCK_GRANTED, nlm.lock(cookie("o1"), false, other));
        assertRes("r2", NlmClient.LCK_BLOCKED, nlm.lock(cookie("r2"), true, true, waiting, false, 3));

        nsm.notify(rebooted, 5);
        List<LockInfo> left = leases.locks(vfsHandle("sm-notify"));
        assertEquals(left.toString(), 1, left.size());
        assertHeld(left.get(0), HOST_A, new LockRange(10, 10), false);
        assertEquals(NlmClient.LCK_GRANTED, nlm.test(cookie("t1"), true, Lock.of(HOST_B, fh, "t", 7, 0, 10)).status());
        assertFalse(monitoredHosts().contains("127.0.0.1 " + rebooted));
        assertRes("o2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("o2"), other));
        assertEquals(List.of(), leases.locks(vfsHandle("sm-notify")));
    }

    // ---- handles and retransmissions ----

    @Test
    public void aForgedOrForeignHandleIsAStaleFileHandle() throws Exception {
        byte[] fh = newFile("forged");
        byte[] forged = fh.clone();
        forged[forged.length - 1] ^= 1;
        Lock bad = Lock.of(HOST_A, forged, "owner-a", SVID_A, 0, 10);
        assertRes("l", NlmClient.LCK_STALE_FH, nlm.lock(cookie("l"), true, bad));
        assertRes("n", NlmClient.LCK_STALE_FH, nlm.nmLock(cookie("n"), false, true, bad));
        TestResult test = nlm.test(cookie("t"), true, bad);
        assertEquals(NlmClient.LCK_STALE_FH, test.status());
        assertArrayEquals(cookie("t"), test.cookie());
        assertRes("u", NlmClient.LCK_STALE_FH, nlm.unlock(cookie("u"), bad));
        assertRes("c", NlmClient.LCK_STALE_FH, nlm.cancel(cookie("c"), true, true, bad));
        assertRes("junk", NlmClient.LCK_STALE_FH, nlm.lock(cookie("junk"), true, Lock.of(HOST_A, new byte[8], "o", 1, 0, 1)));
        assertRes("empty", NlmClient.LCK_STALE_FH, nlm.lock(cookie("empty"), true, Lock.of(HOST_A, new byte[0], "o", 1, 0, 1)));
        assertEquals(List.of(), leases.locks(vfsHandle("forged")));
    }

    @Test
    public void aRetransmittedLockIsAnsweredFromTheReplyCacheNotRunAgain() throws Exception {
        byte[] fh = newFile("retransmit");
        Lock a = Lock.of(HOST_A, fh, "owner-a", SVID_A, 0, 10);
        Lock b = Lock.of(HOST_B, fh, "owner-b", SVID_B, 0, 10);
        byte[] lockArgs = NlmClient.lockArgs(cookie("once"), false, true, a, false, 0);
        RpcReply first = nlm.call(NlmClient.LOCK, lockArgs);
        assertRes("once", NlmClient.LCK_GRANTED, NlmClient.res(first));
        byte[] lockCall = nlmConnection.lastCall();
        RpcReply again = nlmConnection.retransmitLast();
        assertArrayEquals("the retransmission gets the first reply", first.results(), again.results());
        try (RpcClient other = new RpcClient(boundPort("nlm"))) {
            other.sendRecord(lockCall);
            assertArrayEquals("a client retransmits on a new connection", first.results(),
                    other.expectReply(first.xid()).results());
        }

        assertRes("a2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("a2"), a));
        assertRes("b1", NlmClient.LCK_GRANTED, nlm.lock(cookie("b1"), true, b));
        nlmConnection.sendRecord(lockCall);
        RpcReply late = nlmConnection.expectReply(first.xid());
        assertArrayEquals("a late retransmission gets the first reply too", first.results(), late.results());
        List<LockInfo> held = leases.locks(vfsHandle("retransmit"));
        assertEquals("the LOCK did not run again: " + held, 1, held.size());
        assertHeld(held.get(0), HOST_B, new LockRange(0, 10), true);
        assertRes("a new xid runs again", "once", NlmClient.LCK_DENIED, NlmClient.res(nlm.call(NlmClient.LOCK, lockArgs)));
        assertRes("b2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("b2"), b));
    }

    // ---- the shell ----

    @Test
    public void locksCommandShowsHeldAndWaitingLocksWithProtocolClientAndOwner() throws Exception {
        byte[] fh = newFile("shell");
        Lock a = Lock.of(HOST_A, fh, "owner-a", SVID_A, 0, 100);
        Lock b = Lock.of(HOST_B, fh, "owner-b", SVID_B, 50, 10);
        assertRes("a1", NlmClient.LCK_GRANTED, nlm.lock(cookie("a1"), true, a));
        assertRes("b1", NlmClient.LCK_BLOCKED, nlm.lock(cookie("b1"), true, false, b, false, 3));

        String file = "mem:" + shellHex(vfsHandle("shell").fragment());
        String out = run("nas:locks");
        assertEquals(out, List.of("FILE", "PROTOCOL", "CLIENT", "OWNER", "RANGE", "TYPE", "STATE"), cells(out.lines().findFirst().orElse("")));
        List<List<String>> rows = out.lines().filter(l -> l.startsWith(file + " ")).map(NlmIT::cells).toList();
        assertEquals(out, List.of(
                List.of(file, "nlm", HOST_A, ownerHex(SVID_A, "owner-a"), "[0..99]", "write", "held"),
                List.of(file, "nlm", HOST_B, ownerHex(SVID_B, "owner-b"), "[50..59]", "read", "waiting")), rows);

        assertRes("b2", NlmClient.LCK_GRANTED, nlm.cancel(cookie("b2"), true, false, b));
        assertRes("a2", NlmClient.LCK_GRANTED, nlm.unlock(cookie("a2"), a));
        String after = run("nas:locks");
        assertFalse(after, after.lines().anyMatch(l -> l.startsWith(file + " ")));
    }

    @Test
    public void clientsCommandListsTheLoopbackClientWithTheMountedPath() throws Exception {
        mount.umnt("/mem");
        assertEquals(Nfs3.OK, nfs.getattr(memRoot).status());
        // The four connections of this test (NFS, MOUNT, NLM, NSM); those of earlier tests may still be closing.
        List<String> unmounted = Await.value("127.0.0.1 with one connection to each protocol", 10_000, () -> {
            List<String> row = clientRow("nfs3", "127.0.0.1");
            return row != null && row.size() == 6 && row.get(3).equals("1") && row.get(5).equals("mount:1,nlm:1,nsm:1") ? row : null;
        });
        assertEquals(unmounted.toString(), List.of("nfs3", "127.0.0.1", "sys", "1"), unmounted.subList(0, 4));

        assertEquals(MountClient.MNT3_OK, mount.mnt("/mem").status());
        List<String> mounted = clientRow("nfs3", "127.0.0.1");
        assertNotNull(run("nas:clients"), mounted);
        assertEquals(mounted.toString(), 6, mounted.size());
        assertEquals(List.of("nfs3", "127.0.0.1", "sys", "1"), mounted.subList(0, 4));
        assertTrue("calls counted: " + mounted, Long.parseLong(mounted.get(4)) >= 1);
        assertEquals("the mounted path, then the other protocols' connections", "/mem,mount:1,nlm:1,nsm:1", mounted.get(5));
        assertTrue(mount.dump().contains(new MountClient.Mounted("127.0.0.1", "/mem")));
    }

    // ---- helpers ----

    private static void assertRes(String cookie, int status, Res res) {
        assertRes("status", cookie, status, res);
    }

    private static void assertRes(String message, String cookie, int status, Res res) {
        assertArrayEquals(message + ": the cookie echoed", cookie(cookie), res.cookie());
        assertEquals(message, status, res.status());
    }

    private static void assertHeld(LockInfo lock, String client, LockRange range, boolean exclusive) {
        assertEquals(lock.toString(), "nlm", lock.owner().protocol());
        assertEquals(lock.toString(), client, lock.owner().clientId());
        assertEquals(lock.toString(), range, lock.range());
        assertEquals(lock.toString(), exclusive, lock.exclusive());
        assertFalse(lock.toString(), lock.waiting());
    }

    private static byte[] cookie(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A new empty file in /mem made over NFS (CREATE GUARDED); its wire handle. */
    private byte[] newFile(String name) throws IOException {
        Nfs3Client.Created made = nfs.create(memRoot, name, Nfs3.GUARDED, Sattr3.mode(0644));
        assertEquals("CREATE " + name, Nfs3.OK, made.status());
        assertArrayEquals("LOOKUP finds the handle CREATE gave", made.fh(), nfs.lookup(memRoot, name).fh());
        return made.fh();
    }

    /** The VFS handle of /mem/{@code name}, as the lease manager knows the file. */
    private FileHandle vfsHandle(String name) {
        return vfs.lookup(Cred.ROOT, vfs.root("mem"), name, AttrMask.ALL).toCompletableFuture().join().fh();
    }

    /** The hosts NSM records in var/nfs/nsm/hosts, one "address name" a line. */
    private List<String> monitoredHosts() throws IOException {
        Path hosts = config.varDirectory().resolve("nfs").resolve("nsm").resolve("hosts");
        return Files.readAllLines(hosts, StandardCharsets.UTF_8);
    }

    private int callbackPort() {
        return Integer.parseInt(context.getProperty(CALLBACK_PORTMAP_PORT));
    }

    /** The shell's hex of an id: whole up to 16 bytes, else the first and last 8 around "..". */
    private static String shellHex(byte[] bytes) {
        HexFormat hex = HexFormat.of();
        return bytes.length <= 16 ? hex.formatHex(bytes)
                : hex.formatHex(bytes, 0, 8) + ".." + hex.formatHex(bytes, bytes.length - 8, bytes.length);
    }

    /** The NLM owner as the shell shows it: the svid, then the oh. */
    private static String ownerHex(int svid, String oh) {
        byte[] ohBytes = oh.getBytes(StandardCharsets.US_ASCII);
        return shellHex(ByteBuffer.allocate(4 + ohBytes.length).putInt(svid).put(ohBytes).array());
    }

    private static List<String> cells(String line) {
        return Arrays.asList(line.trim().split("\\s+"));
    }

    /** The cells of the {@code nas:clients} row of {@code protocol} and {@code address}, or null. */
    private List<String> clientRow(String protocol, String address) {
        try {
            return run("nas:clients").lines().map(NlmIT::cells)
                    .filter(c -> c.size() >= 2 && c.get(0).equals(protocol) && c.get(1).equals(address))
                    .findFirst().orElse(null);
        } catch (Exception e) {
            throw new AssertionError("nas:clients failed", e);
        }
    }

    /** Runs a Gogo command as the console does and returns what it printed. */
    private String run(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CommandSession session = commands.createSession(InputStream.nullInputStream(), out, out);
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
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

package io.manticore.protocol.nfs3.internal.nlm;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.manticore.api.config.ConfigService;
import io.manticore.api.config.ExportConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;
import io.manticore.core.internal.lease.CoreLeaseManager;
import io.manticore.protocol.nfs3.internal.Callers;
import io.manticore.protocol.nfs3.internal.Connection;
import io.manticore.protocol.nfs3.internal.NfsServer;
import io.manticore.protocol.nfs3.internal.client.Clients;
import io.manticore.protocol.nfscommon.internal.export.Exports;
import io.manticore.protocol.nfscommon.internal.handle.WireHandles;
import io.manticore.protocol.oncrpc.internal.AuthFlavor;
import io.manticore.protocol.oncrpc.internal.RpcCaller;
import io.manticore.protocol.oncrpc.internal.RpcPipeline;
import io.manticore.protocol.oncrpc.internal.RpcProcedure;
import io.manticore.protocol.oncrpc.internal.RpcProgram;
import io.manticore.protocol.oncrpc.internal.RpcPrograms;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.manticore.testkit.LeakCheck;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * NLM and NSM through the RPC pipeline, with core's real lease manager, and a fake client host
 * (its portmapper, NLM and NSM on one port) receiving the server's calls back.
 */
public class NlmProgramTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static final int LOCK = 2;
    private static final int TEST = 1;
    private static final int CANCEL = 3;
    private static final int UNLOCK = 4;
    private static final int FREE_ALL = 23;
    private static final int SHARE = 20;
    private static final int UNSHARE = 21;
    private static final FileHandle FILE = FileHandle.of(MountId.forName("mem"), new byte[] {9, 9, 9, 9, 9, 9, 9, 9});

    private final BlockingQueue<String> clientCalls = new LinkedBlockingQueue<>();
    private EventLoopGroup group;
    private Channel clientHost;
    private CoreLeaseManager leases;
    private WireHandles handles;
    private NfsServer server;
    private byte[] wireHandle;
    private int xid;

    @Before
    public void setUp() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        clientHost = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        RpcPipeline.install(ch.pipeline(), new RpcPrograms(List.of(
                                fakeProgram(100000, 2), fakeProgram(100021, 4), fakeProgram(100024, 1))));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        leases = new CoreLeaseManager();
        handles = new WireHandles(new byte[32]);
        server = new NfsServer(null, new Exports(config()), handles, new Clients());
        wireHandle = handles.encode(exportId(), FILE);
    }

    @After
    public void tearDown() throws Exception {
        leases.close();
        clientHost.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private NlmService service(Path var, Duration grace) throws Exception {
        int port = ((InetSocketAddress) clientHost.localAddress()).getPort();
        return new NlmService(server, leases, new MonitoredHosts(var),
                new Callbacks(new RpcCaller(group, NioSocketChannel.class), port), "server.test", grace);
    }

    private NlmService service() throws Exception {
        return service(tmp.getRoot().toPath(), Duration.ofSeconds(90));
    }

    @Test
    public void testReportsTheHolderOfAConflictingLock() throws Exception {
        EmbeddedChannel nlm = nlm(service());
        assertEquals(0, status(nlm, LOCK, lockArgs("c1", 77, new byte[] {1}, 10, 20, true, false, false)));
        XdrDecoder reply = call(nlm, TEST, out -> {
            out.writeOpaque(new byte[] {5});
            out.writeBool(false);
            lock(out, "c2", 88, new byte[] {2}, 0, 0);
        });
        assertArrayEquals(new byte[] {5}, reply.readOpaqueBytes(64));
        assertEquals(NlmStatus.DENIED, reply.readInt());
        assertTrue(reply.readBool());
        assertEquals(77, reply.readInt());
        assertArrayEquals(new byte[] {1}, reply.readOpaqueBytes(64));
        assertEquals(10, reply.readHyper());
        assertEquals(20, reply.readHyper());
        nlm.finishAndReleaseAll();
    }

    @Test
    public void sharedLocksCoexistAndAnExclusiveOneIsDenied() throws Exception {
        EmbeddedChannel nlm = nlm(service());
        assertEquals(NlmStatus.GRANTED, status(nlm, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 0, false, false, false)));
        assertEquals(NlmStatus.GRANTED, status(nlm, LOCK, lockArgs("c2", 2, new byte[] {2}, 0, 100, false, false, false)));
        assertEquals(NlmStatus.DENIED, status(nlm, LOCK, lockArgs("c3", 3, new byte[] {3}, 50, 1, true, false, false)));
        nlm.finishAndReleaseAll();
    }

    @Test
    public void blockedLockIsGrantedOnUnlockAndTheClientIsCalledBack() throws Exception {
        EmbeddedChannel nlm = nlm(service());
        assertEquals(NlmStatus.GRANTED, status(nlm, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 0, true, false, false)));
        assertEquals(NlmStatus.BLOCKED, status(nlm, LOCK, lockArgs("c2", 2, new byte[] {2}, 0, 10, true, true, false)));
        assertNull(clientCalls.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(NlmStatus.GRANTED, status(nlm, UNLOCK, unlockArgs("c1", 1, new byte[] {1}, 0, 0)));
        assertEquals("100000/3", clientCalls.poll(10, TimeUnit.SECONDS));
        assertEquals("100021/5 c2 svid=2 0+10 exclusive", clientCalls.poll(10, TimeUnit.SECONDS));
        assertEquals(NlmStatus.DENIED, status(nlm, LOCK, lockArgs("c1", 1, new byte[] {1}, 5, 1, false, false, false)));
        nlm.finishAndReleaseAll();
    }

    @Test
    public void aLockMsgRunsAsLockAndItsResultGoesBackAsLockRes() throws Exception {
        EmbeddedChannel nlm = nlm(service());
        XdrDecoder reply = call(nlm, LOCK + 5, lockArgs("c1", 1, new byte[] {1}, 0, 100, true, false, false));
        assertEquals("the _MSG call itself answers void", 0, reply.remaining());
        assertEquals("100000/3", clientCalls.poll(10, TimeUnit.SECONDS));
        assertEquals("100021/12 cookie=07 status=" + NlmStatus.GRANTED, clientCalls.poll(10, TimeUnit.SECONDS));

        call(nlm, TEST + 5, testArgs("c2", 2, new byte[] {2}, 50, 1, false));
        assertEquals("100000/3", clientCalls.poll(10, TimeUnit.SECONDS));
        assertEquals("TEST_RES says the range is taken", "100021/11 cookie=07 status=" + NlmStatus.DENIED,
                clientCalls.poll(10, TimeUnit.SECONDS));
        call(nlm, UNLOCK + 5, unlockArgs("c1", 1, new byte[] {1}, 0, 100));
        assertEquals("100000/3", clientCalls.poll(10, TimeUnit.SECONDS));
        assertEquals("100021/14 cookie=07 status=" + NlmStatus.GRANTED, clientCalls.poll(10, TimeUnit.SECONDS));
        assertEquals(List.of(), leases.locks());
        nlm.finishAndReleaseAll();
    }

    @Test
    public void aShareDeniesWhatItsModeDeniesUntilUnshared() throws Exception {
        EmbeddedChannel nlm = nlm(service());
        int denyWrite = 2;
        int read = 1;
        int write = 2;
        assertEquals(NlmStatus.GRANTED, shareStatus(nlm, SHARE, shareArgs("c1", new byte[] {1}, denyWrite, read)));
        assertEquals(NlmStatus.DENIED, shareStatus(nlm, SHARE, shareArgs("c2", new byte[] {2}, 0, write)));
        assertEquals("reading beside it is fine", NlmStatus.GRANTED, shareStatus(nlm, SHARE, shareArgs("c3", new byte[] {3}, 0, read)));
        assertEquals(2, leases.shares().size());

        assertEquals(NlmStatus.GRANTED, shareStatus(nlm, UNSHARE, shareArgs("c1", new byte[] {1}, denyWrite, read)));
        assertEquals(NlmStatus.GRANTED, shareStatus(nlm, SHARE, shareArgs("c2", new byte[] {2}, 0, write)));
        assertEquals(NlmStatus.STALE_FH, shareStatus(nlm, SHARE, out -> {
            out.writeOpaque(new byte[] {7});
            out.writeString("c4").writeOpaque(new byte[] {1, 2, 3}).writeOpaque(new byte[] {4}).writeInt(0).writeInt(read);
            out.writeBool(false);
        }));
        nlm.finishAndReleaseAll();
    }

    @Test
    public void aRepeatedBlockedLockIsCalledBackOnce() throws Exception {
        EmbeddedChannel nlm = nlm(service());
        status(nlm, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 0, true, false, false));
        assertEquals(NlmStatus.BLOCKED, status(nlm, LOCK, lockArgs("c2", 2, new byte[] {2}, 0, 0, true, true, false)));
        assertEquals(NlmStatus.BLOCKED, status(nlm, LOCK, lockArgs("c2", 2, new byte[] {2}, 0, 0, true, true, false)));
        status(nlm, UNLOCK, unlockArgs("c1", 1, new byte[] {1}, 0, 0));
        assertEquals("100000/3", clientCalls.poll(10, TimeUnit.SECONDS));
        assertEquals("100021/5 c2 svid=2 0+0 exclusive", clientCalls.poll(10, TimeUnit.SECONDS));
        assertNull(clientCalls.poll(500, TimeUnit.MILLISECONDS));
        nlm.finishAndReleaseAll();
    }

    @Test
    public void onlyTheHostItselfOrALocalCallerMayFreeItsLocks() throws Exception {
        NlmService service = service();
        EmbeddedChannel host = channel(new NlmProgram(service, from(InetAddress.getByName("192.0.2.7"))));
        status(host, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 0, true, false, false));
        EmbeddedChannel other = channel(new NlmProgram(service, from(InetAddress.getByName("192.0.2.99"))));
        call(other, FREE_ALL, out -> out.writeString("c1").writeInt(3));
        assertEquals(1, leases.locks().size());
        call(host, FREE_ALL, out -> out.writeString("c1").writeInt(3));
        assertTrue(leases.locks().isEmpty());
        host.finishAndReleaseAll();
        other.finishAndReleaseAll();
    }

    @Test
    public void overUdpEachDatagramsSenderIsTheHostThatLocksAndFrees() throws Exception {
        NlmService service = service();
        EmbeddedChannel udp = new EmbeddedChannel();
        RpcPipeline.installDatagram(udp.pipeline(), new RpcPrograms(List.of(
                new NlmProgram(service, call -> Connection.ofDatagram(server, call, udp.alloc())))), null);
        InetSocketAddress host = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.7"), 801);
        InetSocketAddress other = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.99"), 801);
        XdrDecoder locked = datagram(udp, host, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 0, true, false, false));
        locked.readOpaqueBytes(64);
        assertEquals(NlmStatus.GRANTED, locked.readInt());
        datagram(udp, other, FREE_ALL, out -> out.writeString("c1").writeInt(3));
        assertEquals("another host may not free c1's locks", 1, leases.locks().size());
        datagram(udp, host, FREE_ALL, out -> out.writeString("c1").writeInt(3));
        assertTrue(leases.locks().isEmpty());
        udp.finishAndReleaseAll();
    }

    @Test
    public void cancelWithdrawsABlockedRequest() throws Exception {
        EmbeddedChannel nlm = nlm(service());
        status(nlm, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 0, true, false, false));
        assertEquals(NlmStatus.BLOCKED, status(nlm, LOCK, lockArgs("c2", 2, new byte[] {2}, 0, 0, true, true, false)));
        assertEquals(NlmStatus.GRANTED, status(nlm, CANCEL, cancelArgs("c2", 2, new byte[] {2}, 0, 0, true)));
        assertEquals(NlmStatus.DENIED, status(nlm, CANCEL, cancelArgs("c2", 2, new byte[] {2}, 0, 0, true)));
        status(nlm, UNLOCK, unlockArgs("c1", 1, new byte[] {1}, 0, 0));
        assertTrue(leases.locks().isEmpty());
        nlm.finishAndReleaseAll();
    }

    @Test
    public void freeAllReleasesEveryLockOfTheHost() throws Exception {
        EmbeddedChannel nlm = nlm(service());
        status(nlm, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 10, true, false, false));
        status(nlm, LOCK, lockArgs("c1", 2, new byte[] {2}, 20, 10, true, false, false));
        status(nlm, LOCK, lockArgs("c2", 3, new byte[] {3}, 40, 10, true, false, false));
        XdrDecoder reply = call(nlm, FREE_ALL, out -> out.writeString("c1").writeInt(3));
        assertEquals(0, reply.remaining());
        assertEquals(1, leases.locks().size());
        assertEquals("c2", leases.locks().get(0).owner().clientId());
        nlm.finishAndReleaseAll();
    }

    @Test
    public void smNotifyFromARebootedClientReleasesItsLocks() throws Exception {
        NlmService service = service();
        EmbeddedChannel nlm = nlm(service);
        status(nlm, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 0, true, false, false));
        EmbeddedChannel nsm = channel(new NsmProgram(service, from(InetAddress.getLoopbackAddress())));
        ByteBuf reply = rpc(nsm, 100024, 1, 6, out -> out.writeString("c1").writeInt(5));
        reply.release();
        assertTrue(leases.locks().isEmpty());
        nlm.finishAndReleaseAll();
        nsm.finishAndReleaseAll();
    }

    @Test
    public void forgedHandleIsAStaleFileHandle() throws Exception {
        EmbeddedChannel nlm = nlm(service());
        wireHandle = wireHandle.clone();
        wireHandle[wireHandle.length - 1] ^= 1;
        assertEquals(NlmStatus.STALE_FH, status(nlm, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 0, true, false, false)));
        nlm.finishAndReleaseAll();
    }

    @Test
    public void restartNotifiesPreviousHostsAndGraceAllowsOnlyReclaims() throws Exception {
        Path var = tmp.getRoot().toPath();
        NlmService first = service(var, Duration.ofSeconds(90));
        EmbeddedChannel nlm = nlm(first);
        status(nlm, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 0, true, false, false));
        nlm.finishAndReleaseAll();
        assertTrue(Files.readString(var.resolve("nfs/nsm/hosts")).contains("c1"));
        int firstState = first.state();
        leases.close();
        leases = new CoreLeaseManager();

        NlmService restarted = service(var, Duration.ofSeconds(90));
        assertEquals(firstState + 2, restarted.state());
        assertEquals(1, restarted.state() % 2);
        assertEquals("100000/3", clientCalls.poll(10, TimeUnit.SECONDS));
        assertEquals("100024/6 server.test state=" + restarted.state(), clientCalls.poll(10, TimeUnit.SECONDS));
        nlm = nlm(restarted);
        assertEquals(NlmStatus.DENIED_GRACE_PERIOD, status(nlm, LOCK, lockArgs("c2", 2, new byte[] {2}, 0, 0, true, false, false)));
        assertEquals(NlmStatus.GRANTED, status(nlm, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 0, true, false, true)));
        nlm.finishAndReleaseAll();
    }

    @Test
    public void withoutPreviousHostsThereIsNoGraceAndReclaimsAreRefused() throws Exception {
        EmbeddedChannel nlm = nlm(service());
        assertFalse(clientCalls.poll(100, TimeUnit.MILLISECONDS) != null);
        assertEquals(NlmStatus.DENIED_GRACE_PERIOD, status(nlm, LOCK, lockArgs("c1", 1, new byte[] {1}, 0, 0, true, false, true)));
        nlm.finishAndReleaseAll();
    }

    // ---- the fake client host ----

    private RpcProgram fakeProgram(int program, int version) {
        return new RpcProgram() {
            @Override
            public int program() {
                return program;
            }

            @Override
            public int lowestVersion() {
                return version;
            }

            @Override
            public int highestVersion() {
                return version;
            }

            @Override
            public RpcProcedure procedure(int v, int procedure) {
                return (call, args) -> {
                    String what = program + "/" + procedure;
                    RpcResult result = RpcResult.success(out -> { });
                    if (program == 100000) {
                        result = RpcResult.success(out -> out.writeInt(((InetSocketAddress) clientHost.localAddress()).getPort()));
                    } else if (program == 100021 && procedure > 10) {
                        what += " cookie=" + HexFormat.of().formatHex(args.readOpaqueBytes(64)) + " status=" + args.readInt();
                    } else if (program == 100021) {
                        args.readOpaqueBytes(64);
                        boolean exclusive = args.readBool();
                        String caller = args.readString(64);
                        args.readOpaqueBytes(64);
                        args.readOpaqueBytes(64);
                        int svid = args.readInt();
                        what += " " + caller + " svid=" + svid + " " + args.readHyper() + "+" + args.readHyper()
                                + (exclusive ? " exclusive" : " shared");
                        result = RpcResult.success(out -> out.writeOpaque(new byte[0]).writeInt(0));
                    } else if (program == 100024) {
                        what += " " + args.readString(64) + " state=" + args.readInt();
                    }
                    clientCalls.add(what);
                    return CompletableFuture.completedFuture(result);
                };
            }
        };
    }

    // ---- calls to the server ----

    private EmbeddedChannel nlm(NlmService service) {
        return channel(new NlmProgram(service, from(InetAddress.getLoopbackAddress())));
    }

    /** Every call comes from {@code peer}, as over one connection of that client. */
    private Callers from(InetAddress peer) {
        Connection connection = new Connection(peer, server.clients().recordOf(peer), ByteBufAllocator.DEFAULT);
        return call -> connection;
    }

    private static EmbeddedChannel channel(RpcProgram program) {
        EmbeddedChannel channel = new EmbeddedChannel();
        RpcPipeline.install(channel.pipeline(), new RpcPrograms(List.of(program)));
        return channel;
    }

    private void lock(XdrEncoder out, String caller, int svid, byte[] oh, long offset, long length) {
        out.writeString(caller).writeOpaque(wireHandle).writeOpaque(oh).writeInt(svid).writeHyper(offset).writeHyper(length);
    }

    private Consumer<XdrEncoder> lockArgs(String caller, int svid, byte[] oh, long offset, long length,
                                          boolean exclusive, boolean block, boolean reclaim) {
        return out -> {
            out.writeOpaque(new byte[] {7});
            out.writeBool(block).writeBool(exclusive);
            lock(out, caller, svid, oh, offset, length);
            out.writeBool(reclaim).writeInt(1);
        };
    }

    private Consumer<XdrEncoder> cancelArgs(String caller, int svid, byte[] oh, long offset, long length, boolean exclusive) {
        return out -> {
            out.writeOpaque(new byte[] {7});
            out.writeBool(true).writeBool(exclusive);
            lock(out, caller, svid, oh, offset, length);
        };
    }

    private Consumer<XdrEncoder> testArgs(String caller, int svid, byte[] oh, long offset, long length, boolean exclusive) {
        return out -> {
            out.writeOpaque(new byte[] {7});
            out.writeBool(exclusive);
            lock(out, caller, svid, oh, offset, length);
        };
    }

    /** nlm4_shareargs: cookie, nlm4_share (caller, fh, oh, fsh4_mode, fsh4_access), reclaim. */
    private Consumer<XdrEncoder> shareArgs(String caller, byte[] oh, int mode, int access) {
        return out -> {
            out.writeOpaque(new byte[] {7});
            out.writeString(caller).writeOpaque(wireHandle).writeOpaque(oh).writeInt(mode).writeInt(access);
            out.writeBool(false);
        };
    }

    /** The nlm4_stats of an nlm4_shareres reply (cookie, stat, sequence). */
    private int shareStatus(EmbeddedChannel channel, int procedure, Consumer<XdrEncoder> args) {
        XdrDecoder reply = call(channel, procedure, args);
        reply.readOpaqueBytes(64);
        int status = reply.readInt();
        reply.readInt();
        assertEquals(0, reply.remaining());
        return status;
    }

    private Consumer<XdrEncoder> unlockArgs(String caller, int svid, byte[] oh, long offset, long length) {
        return out -> {
            out.writeOpaque(new byte[] {7});
            lock(out, caller, svid, oh, offset, length);
        };
    }

    /** The nlm4_stat of an nlm4_res reply. */
    private int status(EmbeddedChannel channel, int procedure, Consumer<XdrEncoder> args) {
        XdrDecoder reply = call(channel, procedure, args);
        reply.readOpaqueBytes(64);
        return reply.readInt();
    }

    private XdrDecoder call(EmbeddedChannel channel, int procedure, Consumer<XdrEncoder> args) {
        ByteBuf reply = rpc(channel, 100021, 4, procedure, args);
        byte[] bytes = new byte[reply.readableBytes()];
        reply.readBytes(bytes);
        reply.release();
        return new XdrDecoder(Unpooled.wrappedBuffer(bytes));
    }

    /** The results of a SUCCESS reply (the caller releases them). */
    private ByteBuf rpc(EmbeddedChannel channel, int program, int version, int procedure, Consumer<XdrEncoder> args) {
        ByteBuf wire = Unpooled.buffer();
        wire.writeInt(0);
        XdrEncoder out = new XdrEncoder(wire);
        out.writeInt(++xid).writeInt(0).writeInt(2).writeInt(program).writeInt(version).writeInt(procedure);
        out.writeInt(AuthFlavor.AUTH_NONE).writeInt(0).writeInt(AuthFlavor.AUTH_NONE).writeInt(0);
        args.accept(out);
        wire.setInt(0, 0x8000_0000 | (wire.readableBytes() - 4));
        channel.writeInbound(wire);
        ByteBuf reply = channel.readOutbound();
        assertEquals(xid, reply.getInt(4));
        assertEquals(0, reply.getInt(4 + 20)); // accept_stat SUCCESS
        return reply.skipBytes(4 + 24);
    }

    /** The results of the SUCCESS reply to an NLM call sent over UDP from {@code sender}; the reply must go back to it. */
    private XdrDecoder datagram(EmbeddedChannel channel, InetSocketAddress sender, int procedure, Consumer<XdrEncoder> args) {
        ByteBuf wire = Unpooled.buffer();
        XdrEncoder out = new XdrEncoder(wire);
        out.writeInt(++xid).writeInt(0).writeInt(2).writeInt(100021).writeInt(4).writeInt(procedure);
        out.writeInt(AuthFlavor.AUTH_NONE).writeInt(0).writeInt(AuthFlavor.AUTH_NONE).writeInt(0);
        args.accept(out);
        channel.writeInbound(new DatagramPacket(wire, new InetSocketAddress(InetAddress.getLoopbackAddress(), 4045), sender));
        DatagramPacket reply = channel.readOutbound();
        try {
            assertEquals(sender, reply.recipient());
            ByteBuf content = reply.content();
            assertEquals(xid, content.getInt(0));
            assertEquals(0, content.getInt(20)); // accept_stat SUCCESS
            byte[] results = new byte[content.readableBytes() - 24];
            content.getBytes(24, results);
            return new XdrDecoder(Unpooled.wrappedBuffer(results));
        } finally {
            reply.release();
        }
    }

    private static int exportId() {
        return new Exports(config()).byPath("/mem").id();
    }

    private static ConfigService config() {
        ServerConfig c = new ServerConfig(null, List.of(), Map.of(),
                Map.of("/mem", new ExportConfig("/mem", false, "none", List.of("127.0.0.0/8", "192.0.2.0/24"), 65534, 65534)),
                Map.of(), Map.of(), List.of(), List.of(), S3Settings.DEFAULTS, null);
        return new ConfigService() {
            @Override
            public ServerConfig current() {
                return c;
            }

            @Override
            public long generation() {
                return 1;
            }

            @Override
            public Path home() {
                return Path.of(".");
            }

            @Override
            public Path varDirectory() {
                return Path.of("var");
            }
        };
    }
}

package io.manticore.protocol.nfs3.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.config.ConfigService;
import io.manticore.api.config.ExportConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.nfs3.internal.client.ClientRecord;
import io.manticore.protocol.nfs3.internal.client.Clients;
import io.manticore.protocol.nfs3.internal.mount.MountProgram;
import io.manticore.protocol.nfs3.internal.nfs.Nfs3Program;
import io.manticore.protocol.nfscommon.internal.export.Exports;
import io.manticore.protocol.nfscommon.internal.handle.WireHandles;
import io.manticore.protocol.oncrpc.internal.AuthFlavor;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.manticore.testkit.LeakCheck;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;

/** The RPC protocols over a real UDP socket, handed to them as the udp transport does: one bound channel for every client. */
public class RpcProtocolTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final InetAddress LOCAL = InetAddress.ofLiteral("127.0.0.1");
    /** Another loopback address, outside the export's client list. */
    private static final InetAddress STRANGER = InetAddress.ofLiteral("127.0.0.2");
    private static final int MNT = 1;
    private static final int DUMP = 2;
    private static final int MOUNT_OK = 0;
    private static final int MOUNT_ACCES = 13;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Clients clients = new Clients();
    private final NfsServer server = new NfsServer(directoryVfs(), new Exports(config()), new WireHandles(new byte[32]), clients);
    private final RpcProtocol mount = new RpcProtocol("mount", server, true, c -> List.of(new MountProgram(server, c)));
    private final RpcProtocol nfs3 = new RpcProtocol("nfs3", server, false, c -> List.of(new Nfs3Program(server, c)));
    private int xid;

    @After
    public void stop() {
        mount.close();
        nfs3.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A VFS whose every path is a directory: enough for MOUNT MNT. */
    private static Vfs directoryVfs() {
        Attrs directory = new Attrs(FileType.DIRECTORY, 0755, 2, 0, 0, 4096, 4096, 0, 1, 0, 0, 0, 0, 1);
        FileHandle root = FileHandle.of(MountId.forName("mem"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        return (Vfs) Proxy.newProxyInstance(Vfs.class.getClassLoader(), new Class<?>[] {Vfs.class}, (proxy, method, args) -> {
            if (method.getName().equals("resolve")) {
                return CompletableFuture.completedFuture(new Lookup(root, directory, directory));
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    /** Binds a datagram channel on loopback and hands it to {@code protocol} on its event loop, as the udp transport does. */
    private Channel bind(RpcProtocol protocol) {
        Channel channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Set up below, once bound.
                    }
                })
                .bind(LOCAL, 0).syncUninterruptibly().channel();
        channel.eventLoop().submit(() -> protocol.initChannel(channel)).syncUninterruptibly();
        return channel;
    }

    /** Sends a MOUNT v3 call from {@code client} and returns the results of its SUCCESS reply, which must come back to it. */
    private XdrDecoder call(DatagramSocket client, Channel server, int procedure, Consumer<XdrEncoder> args) throws Exception {
        ByteBuf wire = Unpooled.buffer();
        XdrEncoder out = new XdrEncoder(wire);
        int sent = ++xid;
        out.writeInt(sent).writeInt(0).writeInt(2).writeInt(MountProgram.PROGRAM).writeInt(3).writeInt(procedure);
        out.writeInt(AuthFlavor.AUTH_NONE).writeInt(0).writeInt(AuthFlavor.AUTH_NONE).writeInt(0);
        args.accept(out);
        byte[] bytes = new byte[wire.readableBytes()];
        wire.readBytes(bytes);
        wire.release();
        client.send(new DatagramPacket(bytes, bytes.length, (InetSocketAddress) server.localAddress()));
        byte[] buffer = new byte[65_536];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        client.receive(reply);
        ByteBuffer in = ByteBuffer.wrap(buffer, 0, reply.getLength());
        assertEquals("xid", sent, in.getInt());
        assertEquals("REPLY", 1, in.getInt());
        assertEquals("MSG_ACCEPTED", 0, in.getInt());
        in.getLong(); // AUTH_NONE verifier
        assertEquals("SUCCESS", 0, in.getInt());
        return new XdrDecoder(Unpooled.wrappedBuffer(Arrays.copyOfRange(buffer, in.position(), reply.getLength())));
    }

    private static DatagramSocket client(InetAddress address) throws Exception {
        DatagramSocket socket = new DatagramSocket(0, address);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static Consumer<XdrEncoder> path(String path) {
        return out -> out.writeOpaque(path.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    public void mountOverUdpJudgesAndRecordsEachSenderByItsOwnAddress() throws Exception {
        Channel udp = bind(mount);
        try (DatagramSocket local = client(LOCAL); DatagramSocket stranger = client(STRANGER)) {
            XdrDecoder refused = call(stranger, udp, MNT, path("/mem"));
            assertEquals("a sender outside the export's clients", MOUNT_ACCES, refused.readInt());
            XdrDecoder mounted = call(local, udp, MNT, path("/mem"));
            assertEquals(MOUNT_OK, mounted.readInt());
            byte[] handle = mounted.readOpaqueBytes(64);
            assertEquals("the handle checks out for the sender", FileHandle.of(MountId.forName("mem"),
                    new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), server.check(handle, LOCAL).fh());
            XdrDecoder dump = call(stranger, udp, DUMP, out -> { });
            assertTrue(dump.readBool());
            assertEquals("127.0.0.1", dump.readString(64));
            assertEquals("/mem", dump.readString(1024));
            assertFalse("only the sender that mounted is listed", dump.readBool());
        } finally {
            udp.close().syncUninterruptibly();
        }
        List<ClientRecord> recorded = clients.all();
        assertEquals(1, recorded.size());
        assertEquals(LOCAL, recorded.get(0).address());
        assertEquals(List.of("/mem"), recorded.get(0).mounts());
        assertEquals("datagrams open no connection", 0, recorded.get(0).connections());
    }

    @Test
    public void nfsIsNotServedOverUdpAndClosesTheChannel() {
        Channel udp = bind(nfs3);
        udp.closeFuture().syncUninterruptibly();
        assertFalse(udp.isOpen());
    }

    private static ConfigService config() {
        ServerConfig c = new ServerConfig(null, List.of(), Map.of(),
                Map.of("/mem", new ExportConfig("/mem", false, "none", List.of("127.0.0.1/32"), 65534, 65534)),
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

package io.manticore.protocol.portmap.internal;

import static io.manticore.protocol.portmap.internal.PortmapFixture.hex;
import static org.junit.Assert.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.manticore.testkit.LeakCheck;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Portmap over UDP: a real datagram socket bound to every address and handed to the protocol as
 * the udp transport does, and calls from a client socket on loopback, one message per datagram.
 */
public class PortmapUdpTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    private static final int V2 = 2;
    private static final int V3 = 3;
    private static final int NFS = 100003;
    private static final int MOUNT = 100005;
    private static final int NLM = 100021;
    private static final int TCP = 6;
    private static final int UDP = 17;

    private final PortmapFixture fixture = new PortmapFixture();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private Channel server;
    private DatagramSocket client;

    @Before
    public void serveOverUdp() throws Exception {
        fixture.declare("portmap", "100000:2");
        fixture.declare("mount", "100005:3");
        fixture.declare("nfs3", "100003:3");
        fixture.bound("portmap", "udp", "0.0.0.0", 111);
        fixture.bound("mount", "tcp", "0.0.0.0", 20048);
        fixture.bound("mount", "udp", "0.0.0.0", 20049);
        fixture.bound("nfs3", "tcp", "0.0.0.0", 2049);
        server = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Set up below, once bound, as the udp transport does.
                    }
                })
                .bind(new InetSocketAddress(InetAddress.ofLiteral("0.0.0.0"), 0)).sync().channel();
        server.eventLoop().submit(() -> fixture.protocol.initChannel(server)).sync();
        client = new DatagramSocket(0, LOOPBACK);
        client.setSoTimeout(5000);
    }

    @After
    public void close() throws Exception {
        client.close();
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** Sends {@code call} in one datagram, without a record mark, and checks the one datagram that comes back is {@code expected}. */
    private void assertReply(Xdr call, Xdr expected) throws Exception {
        byte[] sent = call.bytes();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        client.send(new DatagramPacket(sent, sent.length, LOOPBACK, port));
        byte[] buffer = new byte[65_536];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        client.receive(reply);
        assertEquals(hex(expected.bytes()), hex(Arrays.copyOf(buffer, reply.getLength())));
    }

    private static Xdr getport(int xid, int program, int version, int protocol) {
        return Xdr.call(xid, V2, PmapProcedures.GETPORT).u32(program, version, protocol, 0);
    }

    private static Xdr port(int xid, int port) {
        return Xdr.success(xid).u32(port);
    }

    @Test
    public void getportAnswersTheListenerOfTheIpProtocolAsked() throws Exception {
        assertReply(getport(1, MOUNT, 3, UDP), port(1, 20049));
        assertReply(getport(2, MOUNT, 3, TCP), port(2, 20048));
        assertReply(getport(3, NFS, 3, UDP), port(3, 0));
        assertReply(getport(4, NFS, 3, TCP), port(4, 2049));
    }

    @Test
    public void dumpListsUdpListenersAsProtocol17() throws Exception {
        Xdr expected = Xdr.success(5)
                .bool(true).u32(100000, 2, UDP, 111)
                .bool(true).u32(MOUNT, 3, TCP, 20048)
                .bool(true).u32(MOUNT, 3, UDP, 20049)
                .bool(true).u32(NFS, 3, TCP, 2049)
                .bool(false);
        assertReply(Xdr.call(5, V2, PmapProcedures.DUMP), expected);
    }

    @Test
    public void rpcbindDumpNamesTheUdpNetid() throws Exception {
        Xdr expected = Xdr.success(6)
                .bool(true).rpcb(100000, 2, "udp", "0.0.0.0.0.111", "manticore")
                .bool(true).rpcb(MOUNT, 3, "tcp", "0.0.0.0.78.80", "manticore")
                .bool(true).rpcb(MOUNT, 3, "udp", "0.0.0.0.78.81", "manticore")
                .bool(true).rpcb(NFS, 3, "tcp", "0.0.0.0.8.1", "manticore")
                .bool(false);
        assertReply(Xdr.call(6, V3, RpcbProcedures.DUMP), expected);
    }

    @Test
    public void getaddrOverUdpAnswersTheUdpMappingAtTheAddressTheReplyLeavesFrom() throws Exception {
        // The netid asked is ignored (RFC 1833 2.2.1): the call came over udp; 20049 is 78 * 256 + 81.
        assertReply(Xdr.call(7, V3, RpcbProcedures.GETADDR).rpcb(MOUNT, 3, "tcp", "", ""),
                Xdr.success(7).string("127.0.0.1.78.81"));
        assertReply(Xdr.call(8, V3, RpcbProcedures.GETADDR).rpcb(NFS, 3, "", "", ""),
                Xdr.success(8).string(""));
    }

    @Test
    public void setFromALoopbackSenderRegistersAMappingGetportThenFinds() throws Exception {
        assertReply(Xdr.call(9, V2, PmapProcedures.SET).u32(NLM, 4, UDP, 32803), Xdr.success(9).bool(true));
        assertReply(getport(10, NLM, 4, UDP), port(10, 32803));
        assertReply(Xdr.call(11, V2, PmapProcedures.UNSET).u32(NLM, 4, 0, 0), Xdr.success(11).bool(true));
        assertReply(getport(12, NLM, 4, UDP), port(12, 0));
    }
}

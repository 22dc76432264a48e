package io.manticore.protocol.nfs4.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.testkit.LeakCheck;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The protocol handler on real sockets: draining closes connections once answered; UDP is not served. */
public class Nfs4ProtocolTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final Nfs4Fixture fixture = new Nfs4Fixture();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @After
    public void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        fixture.close();
    }

    @Test
    public void drainClosesEachConnectionAfterItsAnswers() throws Exception {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        fixture.protocol().initChannel(ch);
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
        try (Socket socket = new Socket()) {
            socket.connect(server.localAddress());
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.writeInt(0x8000_0000 | 40);
            out.writeInt(77);
            out.writeInt(0);
            out.writeInt(2);
            out.writeInt(100003);
            out.writeInt(4);
            out.writeInt(0);
            out.writeLong(0);
            out.writeLong(0);
            out.flush();
            assertEquals("a whole record of 24 bytes", 0x8000_0000 | 24, in.readInt());
            assertEquals("xid", 77, in.readInt());
            in.skipNBytes(20);
            fixture.protocol().drain().get(10, TimeUnit.SECONDS);
            assertEquals("closed by the server", -1, in.read());
        } finally {
            server.close().syncUninterruptibly();
        }
    }

    @Test
    public void datagramChannelIsClosed() {
        Channel udp = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Handed to the protocol once bound, as the udp transport does.
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        udp.eventLoop().submit(() -> fixture.protocol().initChannel(udp)).syncUninterruptibly();
        udp.closeFuture().syncUninterruptibly();
        assertFalse(udp.isOpen());
    }
}

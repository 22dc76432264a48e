package io.manticore.transport.tcp.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.transport.BoundListener;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

public class TcpTransportTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final TcpTransport transport = new TcpTransport(2);

    @After
    public void stop() {
        transport.close();
    }

    /** A protocol that sends back what it receives. */
    private static final class Echo implements ProtocolHandler {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public void initChannel(Channel channel) {
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ctx.writeAndFlush((ByteBuf) msg);
                }
            });
        }
    }

    @Test
    public void boundListenerHandsConnectionsToTheProtocol() throws Exception {
        BoundListener l = transport.bind(new InetSocketAddress("127.0.0.1", 0), new Echo()).toCompletableFuture().join();
        int port = l.localAddress().getPort();
        assertTrue(port > 0);
        try (Socket s = new Socket("127.0.0.1", port)) {
            byte[] hello = "hello manticore".getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(hello);
            byte[] back = new byte[hello.length];
            InputStream in = s.getInputStream();
            int n = 0;
            while (n < back.length) {
                int r = in.read(back, n, back.length - n);
                if (r < 0) {
                    fail("connection closed after " + n + " bytes");
                }
                n += r;
            }
            assertArrayEquals(hello, back);
            assertEquals(1, l.connections());
        }
        l.close().toCompletableFuture().join();
    }

    @Test
    public void bindingAPortInUseFailsWithTheReason() {
        BoundListener first = transport.bind(new InetSocketAddress("127.0.0.1", 0), new Echo()).toCompletableFuture().join();
        try {
            transport.bind(first.localAddress(), new Echo()).toCompletableFuture().join();
            fail("a second bind of the same port succeeded");
        } catch (CompletionException e) {
            assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains("cannot bind"));
        } finally {
            first.close().toCompletableFuture().join();
        }
    }

    @Test
    public void closingAListenerClosesItsConnections() throws Exception {
        BoundListener l = transport.bind(new InetSocketAddress("127.0.0.1", 0), new Echo()).toCompletableFuture().join();
        try (Socket s = new Socket("127.0.0.1", l.localAddress().getPort())) {
            s.getOutputStream().write(1);
            assertEquals(1, s.getInputStream().read());
            l.close().toCompletableFuture().join();
            s.setSoTimeout(5000);
            assertEquals(-1, s.getInputStream().read());
        }
    }
}

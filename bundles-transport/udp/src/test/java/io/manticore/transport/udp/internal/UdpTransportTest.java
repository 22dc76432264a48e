package io.manticore.transport.udp.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.transport.BoundListener;
import io.manticore.testkit.LeakCheck;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;

public class UdpTransportTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    /** The largest UDP payload over IPv4: 65,535 less the IP and UDP headers. */
    private static final int LARGEST_PAYLOAD = 65_507;

    private final UdpTransport transport = new UdpTransport(2);

    @After
    public void stop() {
        transport.close();
    }

    /** A protocol that sends each datagram back to its sender, and remembers the channels it was given. */
    private static final class Echo implements ProtocolHandler {
        final List<Channel> channels = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public void initChannel(Channel channel) {
            channels.add(channel);
            channel.pipeline().addLast(new SimpleChannelInboundHandler<io.netty.channel.socket.DatagramPacket>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, io.netty.channel.socket.DatagramPacket packet) {
                    ctx.writeAndFlush(new io.netty.channel.socket.DatagramPacket(packet.content().retain(), packet.sender()));
                }
            });
        }
    }

    /** A protocol that serves no datagrams: it closes the channel it is given. */
    private static final class StreamOnly implements ProtocolHandler {
        @Override
        public String name() {
            return "streamonly";
        }

        @Override
        public void initChannel(Channel channel) {
            channel.close();
        }
    }

    private BoundListener bind(ProtocolHandler protocol) {
        return transport.bind(new InetSocketAddress(LOOPBACK, 0), protocol).toCompletableFuture().join();
    }

    private static byte[] exchange(DatagramSocket client, int port, byte[] sent) throws Exception {
        client.send(new DatagramPacket(sent, sent.length, LOOPBACK, port));
        byte[] buffer = new byte[LARGEST_PAYLOAD + 1];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        client.receive(received);
        return Arrays.copyOf(buffer, received.getLength());
    }

    @Test
    public void theProtocolGetsTheBoundDatagramChannelOnceAndServesEverySender() throws Exception {
        Echo echo = new Echo();
        BoundListener l = bind(echo);
        int port = l.localAddress().getPort();
        assertTrue(port > 0);
        try (DatagramSocket first = new DatagramSocket(0, LOOPBACK); DatagramSocket second = new DatagramSocket(0, LOOPBACK)) {
            first.setSoTimeout(5000);
            second.setSoTimeout(5000);
            byte[] one = "from the first client".getBytes(StandardCharsets.US_ASCII);
            byte[] two = "from the second".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(one, exchange(first, port, one));
            assertArrayEquals(two, exchange(second, port, two));
        }
        assertEquals(1, echo.channels.size());
        Channel channel = echo.channels.get(0);
        assertTrue(channel instanceof DatagramChannel);
        assertEquals(new InetSocketAddress(LOOPBACK, port), channel.localAddress());
        assertEquals("datagrams make no connections", 0, l.connections());
        l.close().toCompletableFuture().join();
    }

    @Test
    public void theLargestDatagramArrivesWhole() throws Exception {
        BoundListener l = bind(new Echo());
        byte[] big = new byte[LARGEST_PAYLOAD];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        try (DatagramSocket client = new DatagramSocket(0, LOOPBACK)) {
            client.setSoTimeout(5000);
            client.setReceiveBufferSize(4 * LARGEST_PAYLOAD);
            assertArrayEquals(big, exchange(client, l.localAddress().getPort(), big));
        } finally {
            l.close().toCompletableFuture().join();
        }
    }

    @Test
    public void bindingAPortInUseFailsWithTheReason() {
        BoundListener first = bind(new Echo());
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
    public void aProtocolThatClosesTheChannelFailsTheBindAndFreesThePort() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        try {
            transport.bind(new InetSocketAddress(LOOPBACK, port), new StreamOnly()).toCompletableFuture().join();
            fail("the bind succeeded");
        } catch (CompletionException e) {
            assertEquals("protocol streamonly does not serve datagrams (it closed /127.0.0.1:" + port + ")",
                    e.getCause().getMessage());
        }
        assertBindableAgain(port);
    }

    @Test
    public void closingAListenerFreesItsPort() throws Exception {
        BoundListener l = bind(new Echo());
        int port = l.localAddress().getPort();
        l.close().toCompletableFuture().join();
        assertBindableAgain(port);
    }

    /** Fails unless {@code port} can be bound within a second: the kernel may release a closed socket's port a moment after close returns. */
    private static void assertBindableAgain(int port) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (DatagramSocket again = new DatagramSocket(port, LOOPBACK)) {
                assertEquals(port, again.getLocalPort());
                return;
            } catch (BindException e) {
                Thread.sleep(10);
            }
        }
        fail("port " + port + " is still in use");
    }
}

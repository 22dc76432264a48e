package io.manticore.transport.iouring.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntSupplier;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

import io.manticore.api.transport.BoundListener;
import io.manticore.testkit.LeakCheck;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.uring.IoUringSocketChannel;

public class IoUringTransportTest {

    private static final int MIB = 1024 * 1024;

    @Rule
    public final LeakCheck leaks = new LeakCheck();
    /** A hung socket must fail the test, not hold the shared build lock. */
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private final IoUringTransport transport = new IoUringTransport(2);
    private final Echo echo = new Echo();

    @After
    public void stop() {
        transport.close();
    }

    private BoundListener bindLoopback() {
        return transport.bind(new InetSocketAddress("127.0.0.1", 0), echo).toCompletableFuture().join();
    }

    @Test
    public void theTransportIsNamedIouring() {
        assertEquals("iouring", transport.name());
        assertEquals(2, transport.eventLoops());
    }

    @Test
    public void aListenerEchoesThroughItsProtocolAndCountsItsConnections() throws Exception {
        BoundListener l = bindLoopback();
        int port = l.localAddress().getPort();
        assertTrue("bound port " + port, port > 0);
        assertEquals("127.0.0.1", l.localAddress().getAddress().getHostAddress());
        assertEquals(0, l.connections());
        try (Socket first = new Socket("127.0.0.1", port)) {
            byte[] hello = "hello manticore".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(hello, exchange(first, hello));
            assertEquals(1, l.connections());
            try (Socket second = new Socket("127.0.0.1", port)) {
                byte[] other = "over io_uring".getBytes(StandardCharsets.US_ASCII);
                assertArrayEquals(other, exchange(second, other));
                assertEquals(2, l.connections());
            }
            awaitEquals("connections once the second client left", 1, l::connections);
        }
        awaitEquals("connections once both clients left", 0, l::connections);
        l.close().toCompletableFuture().join();
    }

    @Test
    public void acceptedConnectionsAreIoUringChannelsWithTcpNoDelayAndKeepAlive() throws Exception {
        BoundListener l = bindLoopback();
        try (Socket s = new Socket("127.0.0.1", l.localAddress().getPort())) {
            exchange(s, new byte[] { 42 });
            assertEquals(1, echo.channels.size());
            Channel accepted = echo.channels.get(0);
            assertTrue("accepted a " + accepted.getClass().getName(), accepted instanceof IoUringSocketChannel);
            assertEquals(Boolean.TRUE, accepted.config().getOption(ChannelOption.TCP_NODELAY));
            assertEquals(Boolean.TRUE, accepted.config().getOption(ChannelOption.SO_KEEPALIVE));
        } finally {
            l.close().toCompletableFuture().join();
        }
    }

    @Test
    public void fourMebibytesEchoBackByteIdentical() throws Exception {
        byte[] data = new byte[4 * MIB];
        new Random(4242).nextBytes(data);
        BoundListener l = bindLoopback();
        try (Socket s = new Socket("127.0.0.1", l.localAddress().getPort())) {
            // The echo comes back while we still send, so one thread writes and this one reads.
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < data.length; off += 64 * 1024) {
                        out.write(data, off, Math.min(64 * 1024, data.length - off));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });
            s.setSoTimeout(20_000);
            byte[] back = s.getInputStream().readNBytes(data.length);
            sent.join();
            assertEquals("bytes echoed", data.length, back.length);
            assertEquals("first byte where the echo differs", -1, Arrays.mismatch(data, back));
        } finally {
            l.close().toCompletableFuture().join();
        }
    }

    @Test
    public void closingAListenerClosesItsConnectionsAndStopsAccepting() throws Exception {
        BoundListener l = bindLoopback();
        int port = l.localAddress().getPort();
        try (Socket s = new Socket("127.0.0.1", port)) {
            assertArrayEquals(new byte[] { 1 }, exchange(s, new byte[] { 1 }));
            l.close().toCompletableFuture().join();
            s.setSoTimeout(5000);
            assertEquals("end of stream after the listener closed", -1, s.getInputStream().read());
        }
        assertEquals(0, l.connections());
        try (Socket refused = new Socket("127.0.0.1", port)) {
            fail("connected to " + refused.getRemoteSocketAddress() + " after the listener closed");
        } catch (ConnectException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("Connection refused"));
        }
    }

    @Test
    public void bindingAPortInUseByAListenerFailsWithTheReason() {
        BoundListener first = bindLoopback();
        try {
            transport.bind(first.localAddress(), echo).toCompletableFuture().join();
            fail("a second bind of " + first.localAddress() + " succeeded");
        } catch (CompletionException e) {
            assertBindFailure(e, first.localAddress());
        } finally {
            first.close().toCompletableFuture().join();
        }
    }

    @Test
    public void bindingAPortHeldByAnotherSocketFailsWithTheReason() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress taken = new InetSocketAddress("127.0.0.1", other.getLocalPort());
            try {
                transport.bind(taken, echo).toCompletableFuture().join();
                fail("bound " + taken + ", which another socket holds");
            } catch (CompletionException e) {
                assertBindFailure(e, taken);
            }
        }
    }

    private static void assertBindFailure(CompletionException e, InetSocketAddress address) {
        String message = e.getCause().getMessage();
        assertTrue(message, e.getCause() instanceof IOException);
        assertTrue(message, message.startsWith("cannot bind " + address + ": "));
        assertTrue(message, message.contains("Address already in use"));
    }

    /** Sends {@code bytes} and reads as many back. */
    private static byte[] exchange(Socket s, byte[] bytes) throws IOException {
        s.setSoTimeout(5000);
        s.getOutputStream().write(bytes);
        InputStream in = s.getInputStream();
        byte[] back = in.readNBytes(bytes.length);
        if (back.length < bytes.length) {
            fail("connection closed after " + back.length + " of " + bytes.length + " bytes");
        }
        return back;
    }

    private static void awaitEquals(String what, int expected, IntSupplier actual) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (actual.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(what, expected, actual.getAsInt());
    }
}

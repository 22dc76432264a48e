package io.manticore.transport.iouring.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

import io.manticore.api.transport.BoundListener;
import io.manticore.api.transport.Transport;
import io.manticore.testkit.LeakCheck;

public class IoUringComponentTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();
    /** A hung socket must fail the test, not hold the shared build lock. */
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    @Test
    public void ioUringIsAvailableOnThisMachine() {
        assertEquals(Optional.empty(), IoUringProbe.whyUnavailable());
    }

    @Test
    public void registersATransportNamedIouringThatServesUntilDeactivated() throws Exception {
        RecordingBundleContext bundle = new RecordingBundleContext();
        IoUringComponent component;
        try (ComponentLog log = new ComponentLog()) {
            component = new IoUringComponent(bundle.context(), null);
            assertEquals("log lines of the start", 1, log.events().size());
            assertTrue(log.events().get(0).getFormattedMessage(),
                    log.events().get(0).getFormattedMessage().startsWith("iouring transport started ("));
        }
        assertEquals(1, bundle.registrations.size());
        RecordingBundleContext.Registration r = bundle.registrations.get(0);
        assertEquals(Transport.class.getName(), r.type());
        assertEquals("iouring", r.properties().get(Transport.TRANSPORT_PROPERTY));
        Transport transport = (Transport) r.service();
        assertEquals("iouring", transport.name());

        BoundListener l = transport.bind(new InetSocketAddress("127.0.0.1", 0), new Echo()).toCompletableFuture().join();
        try (Socket s = new Socket("127.0.0.1", l.localAddress().getPort())) {
            byte[] hello = "registered".getBytes(StandardCharsets.US_ASCII);
            s.setSoTimeout(5000);
            s.getOutputStream().write(hello);
            assertArrayEquals(hello, s.getInputStream().readNBytes(hello.length));
            assertFalse(r.unregistered().get());

            component.deactivate();
            assertTrue("unregistered on deactivate", r.unregistered().get());
            assertEquals("the connection ends with the transport", -1, s.getInputStream().read());
        }
        try {
            transport.bind(new InetSocketAddress("127.0.0.1", 0), new Echo()).toCompletableFuture().join();
            fail("a stopped transport bound a listener");
        } catch (CompletionException expected) {
            assertEquals("cannot bind /127.0.0.1:0: the iouring transport is stopped", expected.getCause().getMessage());
        }
    }
}

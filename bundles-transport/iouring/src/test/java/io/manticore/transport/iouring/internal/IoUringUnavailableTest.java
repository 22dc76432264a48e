package io.manticore.transport.iouring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Runs in its own JVM with -Dio.netty.transport.noNative=true (see the pom), where Netty's io_uring does not load. */
public class IoUringUnavailableTest {

    private static final String NETTY_REASON = "Native transport was explicit disabled with -Dio.netty.transport.noNative=true";

    @Test
    public void theProbeGivesNettysReason() {
        String why = IoUringProbe.whyUnavailable().orElseThrow(() -> new AssertionError("io_uring reported available"));
        assertTrue(why, why.contains(NETTY_REASON));
    }

    @Test
    public void withoutIoUringNothingIsRegisteredAndOneLogLineSaysWhy() {
        RecordingBundleContext bundle = new RecordingBundleContext();
        List<ILoggingEvent> events;
        try (ComponentLog log = new ComponentLog()) {
            new IoUringComponent(bundle.context(), null).deactivate();
            events = log.events();
        }
        assertEquals("services registered", List.of(), bundle.registrations);
        assertEquals("log lines " + events, 1, events.size());
        ILoggingEvent line = events.get(0);
        assertEquals(Level.INFO, line.getLevel());
        assertNull("a stack trace would be more than one line", line.getThrowableProxy());
        String message = line.getFormattedMessage();
        assertTrue(message, message.startsWith("iouring transport not registered: io_uring is unavailable here ("));
        assertTrue(message, message.contains(NETTY_REASON));
        assertFalse(message, message.contains("\n"));
    }
}

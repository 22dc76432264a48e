package io.manticore.protocol.oncrpc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.Rule;
import org.junit.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

public class RateLimitedLogTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private long now = 1_000_000_000L;

    /** Records each line as "LEVEL message", with " +trace" when a throwable came with it. */
    private static final class RecordingLogger extends LegacyAbstractLogger {
        private final List<String> lines = new ArrayList<>();

        RecordingLogger() {
            name = "recording";
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        synchronized long count(String prefix) {
            return lines.stream().filter(line -> line.startsWith(prefix)).count();
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected synchronized void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker, String pattern,
                                                                Object[] arguments, Throwable throwable) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments) + (throwable != null ? " +trace" : ""));
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    @Test
    public void warningsOverTheBudgetGoToDebugUntilTheWindowEnds() {
        RecordingLogger logger = new RecordingLogger();
        RateLimitedLog log = new RateLimitedLog(logger, 3, MINUTE, () -> now);
        for (int i = 0; i < 5; i++) {
            log.warn("garbage {} from {}", i, "192.0.2.7");
            now += 1_000_000_000L;
        }
        assertEquals(List.of("WARN garbage 0 from 192.0.2.7", "WARN garbage 1 from 192.0.2.7", "WARN garbage 2 from 192.0.2.7",
                "DEBUG garbage 3 from 192.0.2.7", "DEBUG garbage 4 from 192.0.2.7"), logger.lines());
    }

    @Test
    public void firstWarningOfALaterWindowSaysHowManyWereSuppressed() {
        RecordingLogger logger = new RecordingLogger();
        RateLimitedLog log = new RateLimitedLog(logger, 2, MINUTE, () -> now);
        for (int i = 0; i < 6; i++) {
            log.warn("garbage {}", i);
        }
        now += MINUTE.toNanos();
        log.warn("garbage {}", 6);
        log.warn("garbage {}", 7);
        log.warn("garbage {}", 8);
        assertEquals(List.of("WARN garbage 0", "WARN garbage 1", "DEBUG garbage 2", "DEBUG garbage 3", "DEBUG garbage 4",
                "DEBUG garbage 5", "WARN Suppressed 4 more warnings like \"garbage {}\" (at most 2 every 60 s)",
                "WARN garbage 6", "WARN garbage 7", "DEBUG garbage 8"), logger.lines());
    }

    @Test
    public void windowWithNothingSuppressedEndsWithoutASummary() {
        RecordingLogger logger = new RecordingLogger();
        RateLimitedLog log = new RateLimitedLog(logger, 2, MINUTE, () -> now);
        log.warn("garbage {}", 0);
        now += MINUTE.toNanos();
        log.warn("garbage {}", 1);
        assertEquals(List.of("WARN garbage 0", "WARN garbage 1"), logger.lines());
    }

    @Test
    public void throwableLastArgumentKeepsItsStackTrace() {
        RecordingLogger logger = new RecordingLogger();
        RateLimitedLog log = new RateLimitedLog(logger, 1, MINUTE, () -> now);
        log.warn("Closing {} after an error", "192.0.2.7", new IllegalStateException("boom"));
        log.warn("Closing {} after an error", "192.0.2.8", new IllegalStateException("boom"));
        assertEquals(List.of("WARN Closing 192.0.2.7 after an error +trace", "DEBUG Closing 192.0.2.8 after an error +trace"),
                logger.lines());
    }

    @Test
    public void threadsShareOneBudget() throws Exception {
        RecordingLogger logger = new RecordingLogger();
        RateLimitedLog log = new RateLimitedLog(logger, 10, MINUTE, () -> now);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 1000; i++) {
                    log.warn("garbage {}", i);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(10, logger.count("WARN"));
        assertEquals(3990, logger.count("DEBUG"));
    }

    @Test
    public void garbageRecordFloodIsLimitedAtTheDecoder() {
        ch.qos.logback.classic.Logger decoderLog =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(RpcMessageDecoder.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level level = decoderLog.getLevel();
        decoderLog.setLevel(Level.DEBUG);
        decoderLog.addAppender(events);
        EmbeddedChannel channel = new EmbeddedChannel();
        try {
            RpcPipeline.install(channel.pipeline(), new RpcPrograms(List.of()));
            ByteBuf flood = PooledByteBufAllocator.DEFAULT.directBuffer();
            for (int i = 0; i < 200; i++) {
                flood.writeInt(0x8000_0000 | 6).writeInt(i).writeShort(0); // too short for a call header
            }
            channel.writeInbound(flood);
        } finally {
            channel.finishAndReleaseAll();
            decoderLog.detachAppender(events);
            decoderLog.setLevel(level);
        }
        long garbage = events.list.stream().filter(e -> e.getMessage().startsWith("Dropping garbage")).count();
        long warned = events.list.stream()
                .filter(e -> e.getMessage().startsWith("Dropping garbage") && e.getLevel() == Level.WARN).count();
        assertEquals("each record is logged once, at WARN or DEBUG", 200, garbage);
        // Other tests share the site's budget; this one may straddle two windows at most.
        assertTrue(warned + " warnings", warned <= 2L * RateLimitedLog.DEFAULT_MAX_PER_WINDOW);
    }
}

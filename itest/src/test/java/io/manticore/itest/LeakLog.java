package io.manticore.itest;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Collects the LEAK reports Netty's leak detector logs (at PARANOID in these tests) so a
 * test can fail on them. Inside OSGi the detector is Netty's own, so its log is the signal.
 */
final class LeakLog extends AppenderBase<ILoggingEvent> {

    private final List<String> leaks = new ArrayList<>();

    static LeakLog attach() {
        LeakLog log = new LeakLog();
        log.setName("leak-log");
        log.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
        log.start();
        ((Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector")).addAppender(log);
        return log;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (event.getFormattedMessage().contains("LEAK")) {
            leaks.add(event.getFormattedMessage());
        }
    }

    /** Collects garbage, lets Netty report what was lost, and returns the reports so far. */
    synchronized List<String> collect() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(50); // the GC thread fills the reference queue Netty polls
            for (int i = 0; i < 16; i++) {
                release(PooledByteBufAllocator.DEFAULT.directBuffer(8));
                release(UnpooledByteBufAllocator.DEFAULT.directBuffer(8));
                release(PooledByteBufAllocator.DEFAULT.heapBuffer(8));
            }
        }
        return new ArrayList<>(leaks);
    }

    void detach() {
        ((Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector")).detachAppender(this);
        stop();
    }

    private static void release(ByteBuf b) {
        b.release();
    }
}

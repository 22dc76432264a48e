package io.manticore.transport.iouring.internal;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The log lines {@link IoUringComponent} writes while it is attached. */
final class ComponentLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(IoUringComponent.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level level = logger.getLevel();
    private final boolean additive = logger.isAdditive();

    /** Catches INFO and above, which the tests' Logback configuration (WARN) would drop, without printing them. */
    ComponentLog() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
        logger.setAdditive(additive);
        appender.stop();
    }
}

package io.manticore.transport.iouring.internal;

import java.util.Optional;

import io.netty.channel.uring.IoUring;

/** Whether Netty's io_uring transport runs in this JVM on this kernel, and if not, why. */
final class IoUringProbe {

    private IoUringProbe() {
    }

    /** Empty when io_uring is usable, else the reason it is not, on one line. */
    static Optional<String> whyUnavailable() {
        try {
            return IoUring.isAvailable() ? Optional.empty() : Optional.of(describe(IoUring.unavailabilityCause()));
        } catch (LinkageError e) {
            // The bundle imports io.netty.channel.uring optionally, so it resolves without Netty's io_uring bundle.
            return Optional.of("Netty's io_uring classes are not installed: " + describe(e));
        }
    }

    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder(String.valueOf(cause));
        for (Throwable t = cause == null ? null : cause.getCause(); t != null; t = t.getCause()) {
            text.append("; caused by ").append(t);
        }
        return text.toString().replaceAll("\\s*\\R\\s*", " ");
    }
}

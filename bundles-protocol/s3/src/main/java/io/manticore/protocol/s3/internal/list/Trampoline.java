package io.manticore.protocol.s3.internal.list;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a step once per {@link #signal()}, never two at once and never nested: a signal that
 * arrives while a step runs (an asynchronous result that completed inline, or one from another
 * thread) makes the running loop go round again instead of growing the stack.
 */
final class Trampoline {

    private final AtomicInteger signals = new AtomicInteger();
    private final Runnable step;

    Trampoline(Runnable step) {
        this.step = step;
    }

    void signal() {
        if (signals.getAndIncrement() != 0) {
            return;
        }
        do {
            step.run();
        } while (signals.decrementAndGet() != 0);
    }
}

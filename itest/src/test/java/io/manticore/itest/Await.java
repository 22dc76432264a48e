package io.manticore.itest;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition of the running server, with a deadline and a message when it passes. */
final class Await {

    private Await() {
    }

    static void until(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(20); // polling a condition of another component, with a deadline
        }
    }

    static <T> T value(String what, long timeoutMillis, Supplier<T> supplier) throws InterruptedException {
        Object[] holder = new Object[1];
        until(what, timeoutMillis, () -> (holder[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        T t = (T) holder[0];
        return t;
    }
}

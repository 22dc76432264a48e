package io.manticore.bench.s3;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one step after another on each client's own thread until a deadline, and counts them. */
final class ClientLoop {

    interface Step {
        void run(S3Client client, int clientIndex, long iteration) throws IOException;
    }

    private final List<S3Client> clients;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    ClientLoop(List<S3Client> clients) {
        this.clients = clients;
    }

    /** Steps per second over {@code seconds}, all clients together; failed steps count as errors, not steps. */
    double run(double seconds, Step step) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        Thread[] threads = new Thread[clients.size()];
        for (int i = 0; i < threads.length; i++) {
            int clientIndex = i;
            threads[i] = Thread.ofPlatform().name("client-" + i).start(() -> {
                S3Client client = clients.get(clientIndex);
                long iteration = 0;
                long ok = 0;
                while (System.nanoTime() < deadline) {
                    try {
                        step.run(client, clientIndex, iteration);
                        ok++;
                    } catch (IOException | RuntimeException e) {
                        fail(e);
                    }
                    iteration++;
                }
                done.addAndGet(ok);
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done.get() * 1e9 / (System.nanoTime() - start);
    }

    /** Runs {@code count} steps once, shared out among the clients; returns the seconds they took. */
    double runEach(int count, Step step) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        Thread[] threads = new Thread[clients.size()];
        for (int i = 0; i < threads.length; i++) {
            int clientIndex = i;
            threads[i] = Thread.ofPlatform().name("client-" + i).start(() -> {
                S3Client client = clients.get(clientIndex);
                for (long item = next.getAndIncrement(); item < count; item = next.getAndIncrement()) {
                    try {
                        step.run(client, clientIndex, item);
                    } catch (IOException | RuntimeException e) {
                        fail(e);
                    }
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    void fail(Exception e) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, e.toString());
    }

    /** Throws when any step failed so far, with the count and the first failure. */
    void checkNoErrors(String what) throws IOException {
        if (errors.get() > 0) {
            throw new IOException(what + ": " + errors.get() + " failed requests; the first: " + firstError.get());
        }
    }
}

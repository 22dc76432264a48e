package io.manticore.core.internal.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The threads that run calls of blocking backends: N single-thread executors, each call
 * going to the executor its key hashes to, so that calls on one file run in the order they
 * were made (DESIGN.md section 2). Resizing replaces the executors; tasks already queued on
 * the old ones still run.
 */
public final class DelegationPool implements AutoCloseable {

    private volatile ExecutorService[] executors;

    public DelegationPool(int threads) {
        this.executors = start(threads);
    }

    /** Runs {@code task} on the executor of {@code keyHash}. */
    public void execute(int keyHash, Runnable task) {
        ExecutorService[] current = executors;
        try {
            current[Math.floorMod(keyHash, current.length)].execute(task);
        } catch (RejectedExecutionException e) {
            ExecutorService[] replaced = executors;
            if (replaced == current) {
                throw e;
            }
            replaced[Math.floorMod(keyHash, replaced.length)].execute(task);
        }
    }

    public int threads() {
        return executors.length;
    }

    /** Uses {@code threads} executors from now on; does nothing when the count is the same. */
    public synchronized void resize(int threads) {
        ExecutorService[] old = executors;
        if (old.length == threads) {
            return;
        }
        executors = start(threads);
        shutdown(old);
    }

    /** Stops taking tasks; queued tasks still run. */
    @Override
    public synchronized void close() {
        shutdown(executors);
    }

    private static ExecutorService[] start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("delegation threads must be at least 1, not " + threads);
        }
        ExecutorService[] started = new ExecutorService[threads];
        for (int i = 0; i < threads; i++) {
            String name = "manticore-delegate-" + i;
            started[i] = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
            });
        }
        return started;
    }

    private static void shutdown(ExecutorService[] pool) {
        for (ExecutorService executor : pool) {
            executor.shutdown();
        }
    }
}

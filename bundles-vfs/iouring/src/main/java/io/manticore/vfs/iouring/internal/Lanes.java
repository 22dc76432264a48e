package io.manticore.vfs.iouring.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.manticore.api.vfs.FileHandle;

/**
 * The threads of the calls the ring does not take (names, attributes, opens): one single-thread
 * lane per slot, a call going to the lane of its file's handle, so the calls on one file keep
 * their order, as core's delegation pool keeps them for blocking backends. Each lane is a
 * platform thread, since a call takes its caller's filesystem identity on it.
 */
final class Lanes implements AutoCloseable {

    private final ExecutorService[] lanes;

    Lanes(int count, String name) {
        lanes = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String threadName = name + "-" + i;
            lanes[i] = Executors.newSingleThreadExecutor(task -> Thread.ofPlatform().name(threadName).daemon().unstarted(task));
        }
    }

    /** Runs {@code call}, which answers a stage, on the lane of {@code fh}. */
    <T> CompletionStage<T> on(FileHandle fh, Supplier<CompletionStage<T>> call) {
        ExecutorService lane = lanes[Math.floorMod(fh.hashCode(), lanes.length)];
        return CompletableFuture.supplyAsync(call, lane).thenCompose(stage -> stage);
    }

    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
    }
}

package io.manticore.core.internal.vfs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * Runs one {@link io.manticore.api.vfs.Vfs} call: finds the mount of its handle (STALE when
 * none), submits the work to it (run on the delegation pool, by that handle, when the module
 * blocks), counts the call for the module when it completes, and fails
 * it with a plain {@link VfsException} whatever went wrong.
 */
final class CallRunner {

    private final MountTable table;
    private final OpCounters counters;

    CallRunner(MountTable table, OpCounters counters) {
        this.table = table;
        this.counters = counters;
    }

    <T> CompletionStage<T> run(FileHandle fh, String operation, Function<LiveMount, CompletionStage<T>> work) {
        return run(fh, operation, work, null);
    }

    /**
     * As {@link #run(FileHandle, String, Function)}; {@code beforeFailure} runs before the
     * returned stage fails, whatever the reason (to release what the call owns).
     */
    <T> CompletionStage<T> run(FileHandle fh, String operation, Function<LiveMount, CompletionStage<T>> work,
                               Runnable beforeFailure) {
        MountEntry entry = table.byId(fh.mountId());
        if (entry == null) {
            if (beforeFailure != null) {
                beforeFailure.run();
            }
            return Faults.failed(VfsError.STALE, "no mount has the id of " + fh);
        }
        String scope = OpCounters.moduleScope(entry.moduleName());
        long start = System.nanoTime();
        CompletableFuture<T> result = new CompletableFuture<>();
        entry.submit(live -> live.dispatch(fh, operation, () -> work.apply(live))).whenComplete((value, failure) -> {
            long nanos = System.nanoTime() - start;
            if (failure == null) {
                counters.record(scope, operation, false, nanos);
                result.complete(value);
                return;
            }
            VfsException error = Faults.toVfsException(failure, operation + " on mount " + entry.name());
            counters.record(scope, operation, true, nanos);
            if (beforeFailure != null) {
                beforeFailure.run();
            }
            result.completeExceptionally(error);
        });
        return result;
    }
}

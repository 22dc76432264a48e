package io.manticore.core.internal.vfs;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsMount;
import io.manticore.core.internal.cache.OpenFileCache;
import io.manticore.core.internal.runtime.DelegationPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend mount while it serves a {@link MountEntry}, and how to call it: inline, or on the
 * delegation pool when its module blocks (DESIGN.md section 2), on the executor of the file's
 * handle so that calls on one file keep their order.
 */
final class LiveMount {

    private static final Logger LOG = LoggerFactory.getLogger(LiveMount.class);

    private final MountEntry entry;
    private final VfsMount backend;
    private final ModuleBinding module;
    private final Set<Capability> capabilities;
    private final boolean blocking;
    private final DelegationPool pool;
    private final OpenFileCache.Closer closer = this::close;

    LiveMount(MountEntry entry, VfsMount backend, ModuleBinding module, DelegationPool pool) {
        this.entry = entry;
        this.backend = backend;
        this.module = module;
        this.pool = pool;
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        caps.addAll(backend.capabilities());
        if (module.module().capabilities().contains(Capability.BLOCKING)) {
            caps.add(Capability.BLOCKING);
        }
        this.capabilities = Set.copyOf(caps);
        this.blocking = caps.contains(Capability.BLOCKING);
    }

    VfsMount backend() {
        return backend;
    }

    ModuleBinding module() {
        return module;
    }

    Set<Capability> capabilities() {
        return capabilities;
    }

    /** True when core must check permissions: the backend does not. */
    boolean corePermissions() {
        return !capabilities.contains(Capability.ENFORCES_PERMISSIONS);
    }

    /**
     * Runs one whole VFS call about {@code key}: inline, or for a blocking module on the
     * delegation executor of {@code key}, where it runs to its end before the next call about
     * the same file starts; the stage then completes on that thread.
     */
    <T> CompletionStage<T> dispatch(FileHandle key, String operation, Supplier<CompletionStage<T>> work) {
        if (!blocking) {
            return work.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(key.hashCode(), () -> invoke(operation, work).whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            }));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new VfsException(VfsError.DELAY, "the delegation pool is stopping"));
        }
        return result;
    }

    /**
     * Calls the backend on this thread (within {@link #dispatch}); a call that throws or fails
     * with anything but a VfsException fails SERVERFAULT.
     */
    <T> CompletionStage<T> call(String operation, Supplier<CompletionStage<T>> call) {
        return invoke(operation, call);
    }

    /** Opens {@code fh} on the backend, for the open-file cache. */
    OpenFileCache.Opener opener(Cred cred, FileHandle fh) {
        return write -> call("open", () -> backend.open(cred, fh, write));
    }

    /** Closes files of this mount for the open-file cache; counted in flight like any call. */
    OpenFileCache.Closer closer() {
        return closer;
    }

    private CompletionStage<Void> close(OpenFile file) {
        return entry.track(() -> dispatch(file.handle(), "close", () -> call("close", () -> backend.close(file))))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.warn("Closing {} on mount {} failed: {}", file.handle(), entry.name(),
                                Faults.describe(failure));
                    }
                });
    }

    private <T> CompletionStage<T> invoke(String operation, Supplier<CompletionStage<T>> call) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(fault(operation, t));
        }
        if (stage == null) {
            return CompletableFuture.failedFuture(fault(operation, new NullPointerException("null stage")));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(fault(operation, failure));
            }
        });
        return result;
    }

    private VfsException fault(String operation, Throwable failure) {
        return Faults.toVfsException(failure, "module " + module.name() + " " + operation + " on mount " + entry.name());
    }
}

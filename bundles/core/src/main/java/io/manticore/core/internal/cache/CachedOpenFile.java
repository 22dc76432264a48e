package io.manticore.core.internal.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFile;

/**
 * One backend open file in the {@link OpenFileCache}: counted while calls use it, closed on
 * its backend once it is retired (idle, evicted, replaced) and its last user has released it.
 * Callers waiting for the open to finish are served in the order they came, so calls on one
 * file reach the backend in the order they were made.
 */
public final class CachedOpenFile {

    private final FileHandle handle;
    private final boolean writable;
    private final OpenFileCache.Closer closer;
    private final LongSupplier nanoClock;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    // guarded by this
    private OpenFile file;
    private Throwable failure;
    private List<Runnable> waiting = new ArrayList<>(1);
    private int users;
    private boolean retired;
    private boolean closing;
    private long lastUsed;

    CachedOpenFile(FileHandle handle, boolean writable, OpenFileCache.Closer closer, LongSupplier nanoClock) {
        this.handle = handle;
        this.writable = writable;
        this.closer = closer;
        this.nanoClock = nanoClock;
        this.lastUsed = nanoClock.getAsLong();
    }

    public FileHandle handle() {
        return handle;
    }

    /** The backend's open file; only valid between acquiring and {@link #release()}. */
    public synchronized OpenFile file() {
        return file;
    }

    public boolean writable() {
        return writable;
    }

    /** Ends one use; the last use of a retired file closes it. */
    public void release() {
        boolean close;
        synchronized (this) {
            users--;
            lastUsed = nanoClock.getAsLong();
            close = startClosing();
        }
        if (close) {
            closeWhenOpen();
        }
    }

    synchronized boolean tryUse() {
        if (retired) {
            return false;
        }
        users++;
        return true;
    }

    /** Completes with this file, in arrival order, once the open finished; the use is released on failure. */
    CompletionStage<CachedOpenFile> whenReady() {
        CompletableFuture<CachedOpenFile> ready = new CompletableFuture<>();
        whenOpen(() -> {
            Throwable failed;
            synchronized (this) {
                failed = failure;
            }
            if (failed != null) {
                release();
                ready.completeExceptionally(failed);
            } else {
                ready.complete(this);
            }
        });
        return ready;
    }

    void opened(OpenFile openFile, Throwable openFailure) {
        List<Runnable> run;
        synchronized (this) {
            file = openFile;
            failure = openFailure;
            run = waiting;
            waiting = null;
        }
        run.forEach(Runnable::run);
    }

    /** Takes the file out of service: it closes now when unused, else after its last user. */
    void retire() {
        boolean close;
        synchronized (this) {
            retired = true;
            close = startClosing();
        }
        if (close) {
            closeWhenOpen();
        }
    }

    /** Retires the file when it has been unused since {@code cutoff}; true when it did. */
    boolean retireIfIdleSince(long cutoff) {
        synchronized (this) {
            if (retired || users > 0 || waiting != null || lastUsed - cutoff > 0) {
                return false;
            }
        }
        retire();
        return true;
    }

    synchronized boolean inUse() {
        return users > 0 || waiting != null;
    }

    /** Completes when the backend closed the file (at once when it never opened). */
    CompletableFuture<Void> closed() {
        return closed;
    }

    private boolean startClosing() {
        if (retired && users == 0 && !closing) {
            closing = true;
            return true;
        }
        return false;
    }

    private void closeWhenOpen() {
        whenOpen(() -> {
            OpenFile toClose;
            synchronized (this) {
                toClose = file;
            }
            if (toClose == null) {
                closed.complete(null);
                return;
            }
            CompletionStage<Void> stage;
            try {
                stage = closer.close(toClose);
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((ignored, e) -> closed.complete(null));
        });
    }

    private void whenOpen(Runnable action) {
        synchronized (this) {
            if (waiting != null) {
                waiting.add(action);
                return;
            }
        }
        action.run();
    }
}

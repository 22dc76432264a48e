package io.manticore.core.internal.lease;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.manticore.api.vfs.FileHandle;

/**
 * State kept per file in a concurrent table: each file's state guarded by its own monitor,
 * made on demand and dropped as soon as an action leaves it empty.
 */
final class PerFile<S extends PerFile.State> {

    /** One file's state. */
    abstract static class State {
        final FileHandle file;
        boolean removed;

        State(FileHandle file) {
            this.file = file;
        }

        FileHandle file() {
            return file;
        }

        abstract boolean isEmpty();
    }

    private final ConcurrentHashMap<FileHandle, S> files = new ConcurrentHashMap<>();
    private final Function<FileHandle, S> factory;

    PerFile(Function<FileHandle, S> factory) {
        this.factory = factory;
    }

    /**
     * Runs {@code action} under the monitor of {@code file}'s state, made first when
     * {@code create}; {@code absent} is the answer when there is none and none is made.
     */
    <T> T on(FileHandle file, boolean create, T absent, Function<S, T> action) {
        Objects.requireNonNull(file, "file");
        while (true) {
            S state = create ? files.computeIfAbsent(file, factory) : files.get(file);
            if (state == null) {
                return absent;
            }
            synchronized (state) {
                if (state.removed) {
                    continue;
                }
                T result = action.apply(state);
                dropIfEmpty(state);
                return result;
            }
        }
    }

    /** Drops {@code state} from the table when it is empty; the caller holds its monitor. */
    void dropIfEmpty(S state) {
        if (state.isEmpty()) {
            state.removed = true;
            files.remove(state.file, state);
        }
    }

    Set<FileHandle> files() {
        return files.keySet();
    }

    boolean isEmpty() {
        return files.isEmpty();
    }
}

package io.manticore.core.internal.vfs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns any failure into the {@link VfsException} callers see; bugs become SERVERFAULT, logged once. */
final class Faults {

    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

    private Faults() {
    }

    static <T> CompletableFuture<T> failed(VfsError error) {
        return CompletableFuture.failedFuture(new VfsException(error));
    }

    static <T> CompletableFuture<T> failed(VfsError error, String message) {
        return CompletableFuture.failedFuture(new VfsException(error, message));
    }

    /**
     * The VfsException behind {@code failure}; anything else is a bug (of a backend or of
     * core), logged here with its stack trace and reported as SERVERFAULT.
     */
    static VfsException toVfsException(Throwable failure, String where) {
        Throwable cause = unwrap(failure);
        if (cause instanceof VfsException vfs) {
            return vfs;
        }
        LOG.error("{} failed unexpectedly", where, cause);
        return new VfsException(VfsError.SERVERFAULT, where + ": " + cause);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The message of a failure for a person: the VfsError and its text, or the exception. */
    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof VfsException vfs) {
            return vfs.error() + ": " + vfs.getMessage();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}

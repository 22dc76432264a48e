package io.manticore.protocol.s3.internal.error;

import java.util.concurrent.CompletionException;

/** Passing a failure on from a completion stage's handler. */
public final class Failures {

    private Failures() {
    }

    /** {@code failure} as an unchecked exception to throw from a handler, unwrapped when it is a CompletionException. */
    public static RuntimeException propagate(Throwable failure) {
        Throwable cause = cause(failure);
        return cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }

    /** The failure behind any CompletionException wrapping. */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

package io.manticore.shell.internal.command;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/** Waits for VFS calls on the shell's thread (which may block), a bounded time each. */
final class VfsCalls {

    static final long TIMEOUT_SECONDS = 60;

    private VfsCalls() {
    }

    /** The stage's value; its failure as a VfsException, as DELAY after {@value #TIMEOUT_SECONDS} s. */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VfsException v) {
                throw v;
            }
            throw new VfsException(VfsError.SERVERFAULT, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw new VfsException(VfsError.DELAY, "no answer within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** A failure in words: the error's description, then the backend's message when it says more. */
    static String why(VfsException e) {
        String description = e.error().description();
        String message = e.getMessage();
        return message == null || message.equals(description) ? description : description + " (" + message + ")";
    }
}

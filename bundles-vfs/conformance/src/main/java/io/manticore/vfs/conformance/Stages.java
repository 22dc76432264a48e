package io.manticore.vfs.conformance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/** Waiting for a backend's stages and asserting how they failed. */
public final class Stages {

    /** Long enough for a slow disk, short enough that a stage that never completes fails the test. */
    private static final long TIMEOUT_SECONDS = 30;

    private Stages() {
    }

    /** The value of {@code stage}; an AssertionError naming the VfsError when it fails. */
    public static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed with " + VfsException.errorOf(e.getCause()) + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Asserts that {@code stage} failed with a VfsException of {@code expected}. */
    public static void assertFails(VfsError expected, CompletionStage<?> stage) {
        Object value;
        try {
            value = stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof VfsException)) {
                throw new AssertionError("expected " + expected + " but failed with " + e.getCause(), e.getCause());
            }
            assertEquals(expected, VfsException.errorOf(e.getCause()));
            return;
        } catch (TimeoutException e) {
            throw new AssertionError("expected " + expected + " but got no answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (value instanceof ReadResult r) {
            r.data().release();
        }
        fail("expected " + expected + " but succeeded with " + value);
    }
}

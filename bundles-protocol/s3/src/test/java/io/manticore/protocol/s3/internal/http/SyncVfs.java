package io.manticore.protocol.s3.internal.http;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.manticore.api.vfs.Vfs;

/**
 * A VFS whose calls complete before they return, on the caller's thread: an EmbeddedChannel's
 * event loop is not thread-safe, so the operations must not hop onto it from VFS threads.
 */
final class SyncVfs {

    private SyncVfs() {
    }

    static Vfs wrap(Vfs vfs) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(vfs, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (!(result instanceof CompletionStage<?> stage)) {
                return result;
            }
            try {
                return CompletableFuture.completedFuture(stage.toCompletableFuture().get(30, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                return CompletableFuture.failedFuture(e.getCause());
            } catch (InterruptedException | TimeoutException e) {
                throw new AssertionError(e);
            }
        };
        return (Vfs) Proxy.newProxyInstance(Vfs.class.getClassLoader(), new Class<?>[] {Vfs.class}, handler);
    }
}

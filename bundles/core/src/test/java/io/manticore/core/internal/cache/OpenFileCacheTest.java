package io.manticore.core.internal.cache;

import static io.manticore.core.internal.cache.TestHandles.handle;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import org.junit.Test;

public class OpenFileCacheTest {

    private record FakeOpenFile(FileHandle handle, int serial, boolean writable) implements OpenFile {
    }

    /** A backend that counts opens and records closes. */
    private final class FakeBackend implements OpenFileCache.Closer {
        final List<FakeOpenFile> opened = new ArrayList<>();
        final List<FakeOpenFile> closed = new ArrayList<>();
        CompletableFuture<OpenFile> nextOpen;

        OpenFileCache.Opener opener(FileHandle fh) {
            return write -> {
                FakeOpenFile file = new FakeOpenFile(fh, opened.size(), write);
                opened.add(file);
                if (nextOpen != null) {
                    CompletableFuture<OpenFile> pending = nextOpen;
                    nextOpen = null;
                    return pending;
                }
                return CompletableFuture.completedFuture(file);
            };
        }

        @Override
        public CompletionStage<Void> close(OpenFile file) {
            closed.add((FakeOpenFile) file);
            return CompletableFuture.completedFuture(null);
        }
    }

    private final TestHandles.ManualClock clock = new TestHandles.ManualClock();
    private final OpenFileCache cache = new OpenFileCache(100, 1000, clock);
    private final FakeBackend backend = new FakeBackend();
    private final FileHandle fh = handle(1);

    private CachedOpenFile acquire(FileHandle file, boolean write) throws Exception {
        return cache.acquire(file, write, backend.opener(file), backend).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    public void oneOpenServesManyCalls() throws Exception {
        CachedOpenFile first = acquire(fh, false);
        first.release();
        CachedOpenFile second = acquire(fh, false);
        second.release();
        assertSame(first, second);
        assertEquals(1, backend.opened.size());
        assertEquals(1, cache.stats().hits());
        assertEquals(1, cache.stats().misses());
    }

    @Test
    public void idleFilesAreClosedAndFilesInUseAreNot() throws Exception {
        CachedOpenFile idle = acquire(handle(1), false);
        idle.release();
        CachedOpenFile busy = acquire(handle(2), false);
        clock.advance(TimeUnit.MILLISECONDS.toNanos(1001));
        assertEquals(1, cache.closeIdle());
        assertEquals(List.of(idle.file()), backend.closed);
        assertEquals(1, cache.size());

        busy.release();
        assertEquals(0, cache.closeIdle());
        clock.advance(TimeUnit.MILLISECONDS.toNanos(1001));
        assertEquals(1, cache.closeIdle());
        assertEquals(2, backend.closed.size());
        assertEquals(0, cache.size());
    }

    @Test
    public void evictionKeepsTheSizeWithinCapacityAndClosesInUseFilesOnlyAfterTheirLastUser() throws Exception {
        OpenFileCache small = new OpenFileCache(8, 60_000, clock);
        List<CachedOpenFile> held = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            FileHandle file = handle(i);
            held.add(small.acquire(file, false, backend.opener(file), backend).toCompletableFuture().get());
            assertTrue(small.size() <= 8);
        }
        int closedWhileHeld = backend.closed.size();
        assertEquals(0, closedWhileHeld);
        held.forEach(CachedOpenFile::release);
        assertEquals(40 - small.size(), backend.closed.size());
        assertTrue(small.stats().evictions() >= 32);
    }

    @Test
    public void aWriteUpgradesAReadOnlyFileAndTheOldOneClosesAfterItsUser() throws Exception {
        CachedOpenFile reader = acquire(fh, false);
        CachedOpenFile writer = acquire(fh, true);
        assertTrue(writer.writable());
        assertEquals(2, backend.opened.size());
        assertTrue(backend.closed.isEmpty());
        reader.release();
        assertEquals(List.of(backend.opened.get(0)), backend.closed);
        writer.release();
        CachedOpenFile readerAgain = acquire(fh, false);
        assertSame(writer, readerAgain);
        readerAgain.release();
    }

    @Test
    public void callersWaitingForAnOpenAreServedInArrivalOrder() throws Exception {
        CompletableFuture<OpenFile> pending = new CompletableFuture<>();
        backend.nextOpen = pending;
        List<Integer> order = new ArrayList<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            calls.add(cache.acquire(fh, false, backend.opener(fh), backend).thenAccept(file -> {
                order.add(n);
                file.release();
            }).toCompletableFuture());
        }
        assertTrue(order.isEmpty());
        pending.complete(new FakeOpenFile(fh, 99, false));
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(0, 1, 2, 3, 4), order);
        assertEquals(1, backend.opened.size());
    }

    @Test
    public void aFailedOpenFailsItsCallersAndIsForgotten() throws Exception {
        CompletableFuture<OpenFile> pending = new CompletableFuture<>();
        backend.nextOpen = pending;
        CompletableFuture<CachedOpenFile> call = cache.acquire(fh, false, backend.opener(fh), backend).toCompletableFuture();
        pending.completeExceptionally(new VfsException(VfsError.ISDIR));
        assertEquals(VfsError.ISDIR, VfsException.errorOf(call.handle((f, e) -> e).get()));
        assertEquals(0, cache.size());
        acquire(fh, false).release();
        assertEquals(2, backend.opened.size());
    }

    @Test
    public void anInstalledReadOnlyFileNeverReplacesAWritableOne() throws Exception {
        CachedOpenFile writer = acquire(fh, true);
        writer.release();
        FakeOpenFile readOnly = new FakeOpenFile(fh, 50, false);
        cache.install(fh, readOnly, false, backend);
        assertEquals(List.of(readOnly), backend.closed);
        assertSame(writer, acquire(fh, false));
    }

    @Test
    public void closeMountClosesEveryFileOfTheMount() throws Exception {
        acquire(handle(1), false).release();
        acquire(handle(2), true).release();
        FileHandle other = handle(TestHandles.OTHER_MOUNT, 1);
        acquire(other, false).release();
        cache.closeMount(TestHandles.MOUNT).get(5, TimeUnit.SECONDS);
        assertEquals(2, backend.closed.size());
        assertEquals(1, cache.size());
        assertFalse(backend.closed.stream().anyMatch(f -> f.handle().equals(other)));
    }

    @Test
    public void withoutCapacityEveryFileClosesAfterItsCall() throws Exception {
        OpenFileCache none = new OpenFileCache(0, 1000, clock);
        CachedOpenFile file = none.acquire(fh, false, backend.opener(fh), backend).toCompletableFuture().get();
        assertTrue(backend.closed.isEmpty());
        file.release();
        assertEquals(1, backend.closed.size());
        assertEquals(0, none.size());
    }
}

package io.manticore.core.internal.cache;

import static io.manticore.core.internal.cache.TestHandles.handle;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.manticore.api.vfs.FileHandle;
import org.junit.Test;

public class NameCacheTest {

    private final TestHandles.ManualClock clock = new TestHandles.ManualClock();
    private final NameCache cache = new NameCache(1000, 1_000_000_000L, clock);
    private final FileHandle dir = handle(1);
    private final FileHandle file = handle(2);

    @Test
    public void remembersNamesAndTheirAbsence() {
        cache.add(dir, "a", file);
        cache.fill(dir, "missing", null, cache.stamp());
        assertEquals(file, cache.lookup(dir, "a").fh());
        assertTrue(cache.lookup(dir, "missing").negative());
        assertNull(cache.lookup(dir, "other"));
        assertEquals(2, cache.stats().hits());
        assertEquals(1, cache.stats().misses());
    }

    @Test
    public void invalidationForgetsOneName() {
        cache.add(dir, "a", file);
        cache.add(dir, "b", handle(3));
        cache.invalidate(dir, "a");
        assertNull(cache.lookup(dir, "a"));
        assertEquals(handle(3), cache.lookup(dir, "b").fh());
    }

    @Test
    public void aRemovedDirectoryLosesAllItsNames() {
        FileHandle sub = handle(5);
        cache.add(sub, "x", handle(6));
        cache.fill(sub, "y", null, cache.stamp());
        cache.add(dir, "a", file);
        cache.invalidateDirectory(sub);
        assertNull(cache.lookup(sub, "x"));
        assertNull(cache.lookup(sub, "y"));
        assertEquals(file, cache.lookup(dir, "a").fh());
    }

    @Test
    public void aLookupThatRacedACreationCachesNothing() {
        long stamp = cache.stamp();
        cache.add(dir, "new", file);
        cache.fill(dir, "new", null, stamp);
        assertEquals(file, cache.lookup(dir, "new").fh());
    }

    @Test
    public void entriesExpire() {
        cache.add(dir, "a", file);
        clock.advance(1_000_000_000L);
        assertNull(cache.lookup(dir, "a"));
    }

    @Test
    public void peekFindsAHandleWithoutCounting() {
        cache.add(dir, "a", file);
        assertEquals(file, cache.peek(dir, "a"));
        assertNull(cache.peek(dir, "b"));
        assertEquals(0, cache.stats().hits() + cache.stats().misses());
    }

    @Test
    public void evictionKeepsTheSizeWithinCapacity() {
        NameCache small = new NameCache(32);
        for (int i = 0; i < 2000; i++) {
            small.add(dir, "n" + i, handle(i));
            assertTrue(small.stats().size() <= 32);
        }
    }
}

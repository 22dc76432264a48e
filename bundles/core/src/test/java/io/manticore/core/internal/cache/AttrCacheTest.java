package io.manticore.core.internal.cache;

import static io.manticore.core.internal.cache.TestHandles.attrs;
import static io.manticore.core.internal.cache.TestHandles.handle;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.manticore.api.admin.CacheStats;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import org.junit.Test;

public class AttrCacheTest {

    private final TestHandles.ManualClock clock = new TestHandles.ManualClock();
    private final AttrCache cache = new AttrCache(1000, 1_000_000_000L, clock);
    private final FileHandle fh = handle(1);

    @Test
    public void countsHitsAndMisses() {
        assertNull(cache.get(fh));
        Attrs attrs = attrs(1, 10, 1);
        cache.update(fh, attrs);
        assertSame(attrs, cache.get(fh));
        assertSame(attrs, cache.get(fh));
        CacheStats stats = cache.stats();
        assertEquals(new CacheStats("attributes", 1, 1000, 2, 1, 0), stats);
    }

    @Test
    public void entriesExpireAfterTheirTime() {
        cache.update(fh, attrs(1, 10, 1));
        clock.advance(999_999_999L);
        assertEquals(10, cache.get(fh).size());
        clock.advance(1);
        assertNull(cache.get(fh));
    }

    @Test
    public void aFillStartedBeforeAnInvalidationIsDropped() {
        long stamp = cache.stamp();
        cache.invalidate(handle(2));
        cache.fill(fh, attrs(1, 10, 1), stamp);
        assertNull(cache.get(fh));
        cache.fill(fh, attrs(1, 10, 1), cache.stamp());
        assertEquals(10, cache.get(fh).size());
    }

    @Test
    public void anOlderAnswerNeverReplacesANewerOne() {
        cache.update(fh, attrs(1, 20, 5));
        cache.fill(fh, attrs(1, 10, 4), cache.stamp());
        cache.update(fh, attrs(1, 10, 4));
        assertEquals(20, cache.get(fh).size());
        cache.update(fh, attrs(1, 30, 6));
        assertEquals(30, cache.get(fh).size());
    }

    @Test
    public void invalidateMountDropsOnlyThatMount() {
        FileHandle other = handle(TestHandles.OTHER_MOUNT, 1);
        cache.update(fh, attrs(1, 1, 1));
        cache.update(other, attrs(1, 2, 1));
        cache.invalidateMount(TestHandles.MOUNT);
        assertNull(cache.get(fh));
        assertEquals(2, cache.get(other).size());
    }

    @Test
    public void evictionKeepsTheSizeWithinCapacity() {
        AttrCache small = new AttrCache(64);
        for (int i = 0; i < 5000; i++) {
            small.update(handle(i), attrs(i, i, 1));
            assertTrue(small.stats().size() <= 64);
        }
        assertTrue(small.stats().evictions() >= 5000 - 64);
    }
}

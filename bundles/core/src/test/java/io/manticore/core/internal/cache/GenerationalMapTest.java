package io.manticore.core.internal.cache;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class GenerationalMapTest {

    @Test
    public void sizeNeverExceedsCapacityAndDroppedEntriesAreCounted() {
        GenerationalMap<Integer, String> map = new GenerationalMap<>(100);
        for (int i = 0; i < 10_000; i++) {
            map.put(i, "v" + i);
            assertTrue("size " + map.size() + " after " + i, map.size() <= 100);
        }
        assertEquals(10_000 - map.size(), map.evictions());
        assertEquals("v9999", map.get(9999));
    }

    @Test
    public void entriesReadSurviveRotationsOldOnesGo() {
        GenerationalMap<Integer, String> map = new GenerationalMap<>(10);
        map.put(-1, "hot");
        for (int i = 0; i < 100; i++) {
            map.put(i, "v" + i);
            assertEquals("hot", map.get(-1));
        }
        assertNull(map.get(0));
    }

    @Test
    public void removeTakesEntriesFromBothGenerations() {
        GenerationalMap<Integer, String> map = new GenerationalMap<>(4);
        map.put(1, "a");
        map.put(2, "b");
        map.put(3, "c");
        map.remove(1);
        map.remove(3, "c");
        map.remove(2, "not b");
        assertNull(map.get(1));
        assertNull(map.get(3));
        assertEquals("b", map.get(2));
    }

    @Test
    public void shrinkingEvictsAtOnceAndZeroCapacityStoresNothing() {
        GenerationalMap<Integer, String> map = new GenerationalMap<>(100);
        for (int i = 0; i < 40; i++) {
            map.put(i, "v");
        }
        map.setCapacity(10);
        assertTrue(map.size() <= 10);
        map.setCapacity(0);
        map.put(1, "v");
        assertEquals(0, map.size());
        assertNull(map.get(1));
    }

    @Test
    public void removeKeysDropsMatchingEntriesOnly() {
        GenerationalMap<Integer, String> map = new GenerationalMap<>(100);
        for (int i = 0; i < 20; i++) {
            map.put(i, "v" + i);
        }
        map.removeKeys(key -> key % 2 == 0);
        assertEquals(10, map.size());
        assertNull(map.get(4));
        assertEquals("v5", map.get(5));
    }
}

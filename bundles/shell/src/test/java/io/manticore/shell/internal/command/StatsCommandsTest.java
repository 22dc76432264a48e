package io.manticore.shell.internal.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.admin.CacheStats;
import io.manticore.api.admin.OpStats;

public class StatsCommandsTest {

    private static final String CACHE_TABLE = ""
            + "CACHE      SIZE  CAPACITY  HITS  MISSES  HIT-RATE  EVICTIONS\n"
            + "-----      ----  --------  ----  ------  --------  ---------\n"
            + "attr         10      1000     7       1     87.5%          2\n"
            + "name          0       500     0       0      0.0%          0\n"
            + "open-file     3        64     1       2     33.3%          0\n";

    @Rule
    public final CapturedOutput output = new CapturedOutput();

    private final FixedMountAdmin admin = new FixedMountAdmin();

    @Before
    public void fill() {
        admin.stats.add(new OpStats("module:memfs", "read", 4, 0, 10_000));
        admin.stats.add(new OpStats("protocol:nfs3", "lookup", 3, 1, 1_000_000));
        admin.stats.add(new OpStats("protocol:nfs3", "write", 0, 0, 0));
        admin.caches.add(new CacheStats("attr", 10, 1000, 7, 1, 2));
        admin.caches.add(new CacheStats("name", 0, 500, 0, 0, 0));
        admin.caches.add(new CacheStats("open-file", 3, 64, 1, 2, 0));
    }

    @Test
    public void statsPrintsOperationCountersThenTheCaches() {
        StatsReport result = new StatsCommand(admin).stats();

        assertEquals(""
                + "SCOPE          OPERATION  CALLS  ERRORS  AVG-US\n"
                + "-----          ---------  -----  ------  ------\n"
                + "module:memfs   read           4       0     2.5\n"
                + "protocol:nfs3  lookup         3       1   333.3\n"
                + "protocol:nfs3  write          0       0     0.0\n"
                + "\n"
                + CACHE_TABLE, output.text());
        assertEquals(new StatsReport(admin.stats, admin.caches), result);
    }

    @Test
    public void cachePrintsSizesHitRatesAndEvictions() {
        List<CacheStats> result = new CacheCommand(admin).cache();

        assertEquals(CACHE_TABLE, output.text());
        assertEquals(admin.caches, result);
    }

    @Test
    public void cacheClearEmptiesTheCachesAndSaysSo() {
        new CacheCommand(admin).cache("clear");

        assertEquals(1, admin.clears);
        assertEquals("caches cleared\n", output.text());
    }

    @Test
    public void cacheWithAnUnknownActionIsRefusedWithoutClearing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CacheCommand(admin).cache("flush"));

        assertEquals("unknown cache action 'flush': use nas:cache or nas:cache clear", e.getMessage());
        assertEquals(0, admin.clears);
        assertEquals("", output.text());
    }
}

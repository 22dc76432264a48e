package io.manticore.core.internal.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

public class CoreHandoverTest {

    private final CoreScheduler scheduler = new CoreScheduler();
    private final List<String> released = new CopyOnWriteArrayList<>();

    @After
    public void stop() {
        scheduler.close();
    }

    @Test
    public void aDepositIsTakenOnceAndThenNeverReleased() {
        CoreHandover handover = new CoreHandover(scheduler, 60_000);
        Object state = List.of("upload-1");
        handover.deposit("s3.multipart", state, () -> released.add("s3"));
        assertSame(state, handover.take("s3.multipart"));
        assertNull("taken once", handover.take("s3.multipart"));
        handover.close();
        assertEquals(List.of(), released);
    }

    @Test
    public void aNewDepositReleasesTheOneItReplaces() {
        CoreHandover handover = new CoreHandover(scheduler, 60_000);
        handover.deposit("k", "first", () -> released.add("first"));
        handover.deposit("k", "second", () -> released.add("second"));
        assertEquals(List.of("first"), released);
        assertEquals("second", handover.take("k"));
    }

    @Test
    public void anUntakenDepositIsReleasedAfterItsTimeAndWhenCoreStops() throws Exception {
        CoreHandover handover = new CoreHandover(scheduler, 50);
        CountDownLatch expired = new CountDownLatch(1);
        handover.deposit("late", "x", () -> {
            released.add("late");
            expired.countDown();
        });
        handover.deposit("left", "y", () -> released.add("left"));
        assertTrue(expired.await(10, TimeUnit.SECONDS));
        assertNull(handover.take("late"));
        handover.close();
        assertTrue(released.toString(), released.containsAll(List.of("late", "left")));
        assertEquals(2, released.size());
    }

    @Test
    public void aReleaseThatFailsIsLoggedAndTheRestGoOn() {
        CoreHandover handover = new CoreHandover(scheduler, 60_000);
        handover.deposit("a", "x", () -> {
            throw new IllegalStateException("its bundle is gone");
        });
        handover.deposit("b", "y", () -> released.add("b"));
        handover.close();
        assertEquals(List.of("b"), released);
    }
}

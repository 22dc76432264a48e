package io.manticore.core.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.manticore.api.config.ServerConfig;
import io.manticore.api.runtime.Scheduler;

public class CoreConfigServiceTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    /** Runs nothing by itself: the test calls checkForChange() when it wants a poll. */
    private static final class ManualScheduler implements Scheduler {
        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            return null;
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
            return null;
        }
    }

    private Path home() throws IOException {
        Path home = tmp.getRoot().toPath();
        Files.createDirectories(home.resolve("etc"));
        return home;
    }

    private static void write(Path home, String json, long mtimeMillis) throws IOException {
        Path f = home.resolve("etc/manticore.json");
        Files.writeString(f, json);
        Files.setLastModifiedTime(f, FileTime.fromMillis(mtimeMillis));
    }

    @Test
    public void anInvalidFileAtStartReportsTheProblemAndRefusesToStart() throws Exception {
        Path home = home();
        write(home, "{\"mounts\": {\"m\": {\"module\": \"\"}}}", 1_000_000);
        AtomicReference<String> fatal = new AtomicReference<>();
        CoreConfigService s = new CoreConfigService(home, new ManualScheduler(), fatal::set);
        try {
            s.start();
            fail("started on an invalid file");
        } catch (IllegalStateException expected) {
            assertNotNull(fatal.get());
            assertTrue(fatal.get(), fatal.get().contains("$.mounts.m.module: must not be empty"));
        }
    }

    @Test
    public void aValidChangeIsAppliedToListenersAndAnInvalidOneIsRefused() throws Exception {
        Path home = home();
        write(home, "{\"mounts\": {\"a\": {\"module\": \"memfs\"}}}", 1_000_000);
        CoreConfigService s = new CoreConfigService(home, new ManualScheduler(), m -> fail(m));
        List<ServerConfig> applied = new CopyOnWriteArrayList<>();
        s.start();
        s.addListener(applied::add);
        assertEquals(1, applied.size());
        assertEquals(1, s.generation());

        write(home, "{\"mounts\": {\"a\": {\"module\": \"memfs\"}, \"b\": {\"module\": \"memfs\"}}}", 2_000_000);
        s.checkForChange();
        assertEquals(2, s.generation());
        assertEquals(2, applied.size());
        assertEquals(List.of("a", "b"), List.copyOf(s.current().mounts().keySet()));

        write(home, "{\"mounts\": {\"a\": {\"modul\": \"memfs\"}}}", 3_000_000);
        s.checkForChange();
        assertEquals("an invalid change is not applied", 2, s.generation());
        assertEquals(2, applied.size());
        assertEquals(List.of("a", "b"), List.copyOf(s.current().mounts().keySet()));

        s.checkForChange();
        assertEquals("an unchanged file is not applied twice", 2, applied.size());
    }

    @Test
    public void touchingTheFileWithoutChangingItAppliesNothing() throws Exception {
        Path home = home();
        write(home, "{}", 1_000_000);
        CoreConfigService s = new CoreConfigService(home, new ManualScheduler(), m -> fail(m));
        s.start();
        write(home, "{}", 5_000_000);
        s.checkForChange();
        assertEquals(1, s.generation());
        assertEquals(home.resolve("var"), s.varDirectory());
    }
}

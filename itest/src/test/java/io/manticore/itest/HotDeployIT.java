package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.config.ConfigService;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.Vfs;

/**
 * Hot deploy and hot swap: the memfs bundle is updated from deploy/ while a client reads and
 * writes through the VFS; its mount is suspended, handed over and resumed with every file and
 * handle intact. Removing the module suspends the mount until it returns.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT {

    private static final String MEMFS = "io.manticore.vfs.memfs";

    @Inject
    private BundleContext context;
    @Inject
    private ConfigService config;
    @Inject
    private MountAdmin mounts;
    @Inject
    private Vfs vfs;

    private LeakLog leaks;

    @Configuration
    public Option[] config() {
        return Assembly.server(Assembly.newHome("hotdeploy", """
                {
                  "server": { "suspend_timeout_ms": 60000 },
                  "mounts": { "mem": { "module": "memfs", "options": { "size": "256m" } } },
                  "shell": { "ssh": false }
                }
                """));
    }

    @Before
    public void awaitMount() throws InterruptedException {
        leaks = LeakLog.attach();
        Await.until("mount mem ACTIVE", 30_000, () -> "ACTIVE".equals(state("mem")));
    }

    @After
    public void noLeaks() throws InterruptedException {
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void memfsUpdatedTenTimesUnderLoadLosesNothing() throws Exception {
        FileHandle dir = vfs.root("mem");
        Map<FileHandle, byte[]> written = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
            try {
                int i = 0;
                while (!stop.get()) {
                    byte[] content = VfsClient.random(i, 1 + (i * 7919) % 150_000);
                    FileHandle fh = VfsClient.create(vfs, dir, "f" + i, content);
                    written.put(fh, content);
                    for (Map.Entry<FileHandle, byte[]> e : written.entrySet()) {
                        if (e.getKey().hashCode() % 4 == i % 4) {
                            assertArrayEquals(e.getValue(), VfsClient.read(vfs, e.getKey(), e.getValue().length));
                        }
                    }
                    rounds.incrementAndGet();
                    i++;
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Path jar = deployedJar();
        for (int update = 1; update <= 10; update++) {
            long before = bundle().getLastModified();
            int roundsBefore = rounds.get();
            Path copy = jar.resolveSibling("memfs.tmp");
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis() + update * 10_000L));
            Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Await.until("memfs update " + update, 30_000, () -> bundle().getLastModified() != before);
            Await.until("mount mem ACTIVE after update " + update, 30_000, () -> "ACTIVE".equals(state("mem")));
            Await.until("the client making progress after update " + update, 30_000,
                    () -> rounds.get() > roundsBefore + 2 || failure.get() != null);
            if (failure.get() != null) {
                break;
            }
        }
        stop.set(true);
        client.get(60, TimeUnit.SECONDS);
        if (failure.get() != null) {
            throw new AssertionError("the client saw an error during the updates", failure.get());
        }
        assertTrue("the client wrote files", written.size() > 10);
        for (Map.Entry<FileHandle, byte[]> e : written.entrySet()) {
            assertArrayEquals(e.getValue(), VfsClient.read(vfs, e.getKey(), e.getValue().length));
        }
    }

    @Test
    public void swapMovesTheMountToANewModuleInstanceKeepingEveryHandle() throws Exception {
        FileHandle dir = vfs.root("mem");
        byte[] content = VfsClient.random(99, 200_000);
        FileHandle fh = VfsClient.create(vfs, dir, "swapped.bin", content);
        for (int i = 0; i < 3; i++) {
            MountInfo after = mounts.swap("mem", "memfs");
            assertEquals("ACTIVE", after.state());
            assertArrayEquals(content, VfsClient.read(vfs, fh, content.length));
        }
    }

    @Test
    public void removingTheModuleSuspendsTheMountUntilItReturns() throws Exception {
        FileHandle dir = vfs.root("mem");
        byte[] content = VfsClient.random(5, 10_000);
        FileHandle fh = VfsClient.create(vfs, dir, "waits.bin", content);
        Path jar = deployedJar();
        Path aside = config.home().resolve("var").resolve("memfs-aside.jar");
        Files.move(jar, aside, StandardCopyOption.REPLACE_EXISTING);
        Await.until("mount mem SUSPENDED", 30_000, () -> "SUSPENDED".equals(state("mem")));
        CompletableFuture<ReadResult> waiting = vfs.read(Cred.ROOT, fh, 0, content.length).toCompletableFuture();
        Thread.sleep(500); // the read must still be waiting while the module is away
        assertTrue("a call completed while its mount's module was away", !waiting.isDone());
        Files.move(aside, jar);
        ReadResult r = waiting.get(30, TimeUnit.SECONDS);
        try {
            byte[] got = new byte[r.data().readableBytes()];
            r.data().getBytes(r.data().readerIndex(), got);
            assertArrayEquals(content, got);
        } finally {
            r.data().release();
        }
        assertEquals("ACTIVE", state("mem"));
    }

    private String state(String mount) {
        return mounts.mounts().stream().filter(m -> m.name().equals(mount)).map(MountInfo::state).findFirst().orElse(null);
    }

    private Bundle bundle() {
        for (Bundle b : context.getBundles()) {
            if (MEMFS.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no memfs bundle installed");
    }

    private Path deployedJar() throws Exception {
        List<Path> jars = new ArrayList<>();
        try (var s = Files.list(config.home().resolve("deploy"))) {
            s.filter(p -> p.getFileName().toString().startsWith("manticore-memfs")).forEach(jars::add);
        }
        assertEquals(1, jars.size());
        return jars.get(0);
    }
}

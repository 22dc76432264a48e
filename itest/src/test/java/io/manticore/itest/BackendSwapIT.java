package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.osgi.framework.BundleContext;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.config.ConfigService;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;

/**
 * A host folder moved between the linux and iouring backends 20 times, and the iouring bundle
 * updated from deploy/ 5 times, while libnfs and an in-process VFS client write and read without
 * pause: neither sees an error, and every byte is where it was written, on the host disk too.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackendSwapIT {

    private static final long RUN_MS = 60_000;

    @Inject
    private BundleContext context;
    @Inject
    private ListenerAdmin listeners;
    @Inject
    private MountAdmin mounts;
    @Inject
    private ConfigService config;
    @Inject
    private Vfs vfs;

    private LeakLog leaks;
    private Path scratch;
    private Path data;

    @Configuration
    public Option[] config() {
        Path folder;
        try {
            folder = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "swap-data-");
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Assembly.server(Assembly.newHome("backend-swap", """
                {
                  "listeners": [
                    { "protocol": "nfs3", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                    { "protocol": "mount", "transport": "tcp", "address": "127.0.0.1", "port": 0 }
                  ],
                  "mounts": { "data": { "module": "linux", "path": "%s" } },
                  "exports": { "/data": { "access": "rw", "squash": "none", "clients": ["127.0.0.0/8"] } },
                  "shell": { "ssh": false }
                }
                """.formatted(folder)));
    }

    @Before
    public void setUp() throws Exception {
        leaks = LeakLog.attach();
        LibNfs.requireInstalled();
        Await.until("the listeners BOUND and the mount ACTIVE", 30_000,
                () -> boundPort("nfs3") > 0 && boundPort("mount") > 0 && "ACTIVE".equals(mount().state()));
        Await.until("the iouring module installed", 30_000,
                () -> mounts.modules().stream().anyMatch(m -> m.name().equals("iouring")));
        data = Path.of(config.current().mounts().get("data").path());
        scratch = Scratch.create("backend-swap");
    }

    @After
    public void cleanUp() throws Exception {
        Scratch.delete(scratch);
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void swappedTwentyTimesAndUpdatedFiveTimesUnderLoadNoClientSeesAnError() throws Exception {
        LibNfs nfs = new LibNfs(scratch, boundPort("nfs3"), boundPort("mount"));
        AtomicBoolean stop = new AtomicBoolean();
        List<String> errors = new ArrayList<>();
        AtomicInteger nfsRounds = new AtomicInteger();
        AtomicInteger vfsRounds = new AtomicInteger();
        Map<String, byte[]> nfsWritten = new ConcurrentHashMap<>();
        Map<FileHandle, byte[]> vfsWritten = new ConcurrentHashMap<>();
        // One thread per client: the common pool may have a single thread on a small machine.
        ExecutorService clients = Executors.newFixedThreadPool(2);

        CompletableFuture<Void> nfsClient = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    byte[] content = VfsClient.random(1000 + i, 20_000 + (i * 4099) % 200_000);
                    Path up = scratch.resolve("nfs-" + i);
                    Files.write(up, content);
                    ClientRun put = nfs.cp(up.toString(), nfs.url("/data", "nfs-" + i), RUN_MS);
                    ClientRun get = nfs.cat(nfs.url("/data", "nfs-" + i), RUN_MS);
                    if (put.exitCode() != 0 || get.exitCode() != 0) {
                        record(errors, put.describe() + "\n" + get.describe());
                    } else if (!Arrays.equals(content, Files.readAllBytes(get.stdout()))) {
                        record(errors, "nfs round " + i + ": the file read back differs");
                    } else {
                        nfsWritten.put("nfs-" + i, content);
                    }
                    nfsRounds.incrementAndGet();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, clients);
        CompletableFuture<Void> vfsClient = CompletableFuture.runAsync(() -> {
            FileHandle root = vfs.root("data");
            for (int i = 0; !stop.get(); i++) {
                try {
                    byte[] content = VfsClient.random(i, 1 + (i * 7919) % 150_000);
                    FileHandle fh = VfsClient.create(vfs, root, "vfs-" + i, content);
                    vfsWritten.put(fh, content);
                    assertArrayEquals(content, VfsClient.read(vfs, fh, content.length));
                } catch (Throwable t) {
                    record(errors, "vfs round " + i + ": " + t);
                }
                vfsRounds.incrementAndGet();
            }
        }, clients);

        try {
            Await.until("both clients under way", 60_000, () -> nfsRounds.get() >= 2 && vfsRounds.get() >= 5);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": nfs rounds " + nfsRounds.get() + ", vfs rounds " + vfsRounds.get()
                    + ", errors " + errors);
        }
        DeployedBundle iouring = new DeployedBundle(context, config.home().resolve("deploy"), "manticore-vfs-iouring",
                "io.manticore.vfs.iouring");
        int updates = 0;
        for (int swap = 1; swap <= 20; swap++) {
            String module = swap % 2 == 1 ? "iouring" : "linux";
            int nfsBefore = nfsRounds.get();
            int vfsBefore = vfsRounds.get();
            MountInfo after = mounts.swap("data", module);
            assertEquals("ACTIVE", after.state());
            assertEquals(module, after.module());
            if (module.equals("iouring") && swap % 4 == 1) {
                iouring.update(++updates);
                Await.until("the mount served by iouring again after update " + updates, 30_000,
                        () -> "ACTIVE".equals(mount().state()) && "iouring".equals(mount().module()));
            }
            Await.until("both clients making progress after swap " + swap, 60_000,
                    () -> nfsRounds.get() > nfsBefore && vfsRounds.get() > vfsBefore + 2);
        }
        stop.set(true);
        nfsClient.get(120, TimeUnit.SECONDS);
        vfsClient.get(120, TimeUnit.SECONDS);
        clients.shutdown();

        assertEquals("errors the clients saw", List.of(), errors);
        assertEquals(5, updates);
        assertTrue("the NFS client worked through: " + nfsRounds.get(), nfsWritten.size() >= 20);
        for (Map.Entry<String, byte[]> e : nfsWritten.entrySet()) {
            assertArrayEquals("on the host disk: " + e.getKey(), e.getValue(), Files.readAllBytes(data.resolve(e.getKey())));
        }
        for (Map.Entry<FileHandle, byte[]> e : vfsWritten.entrySet()) {
            assertArrayEquals(e.getValue(), VfsClient.read(vfs, e.getKey(), e.getValue().length));
        }
    }

    private static void record(List<String> errors, String error) {
        synchronized (errors) {
            errors.add(error);
        }
    }

    private MountInfo mount() {
        return mounts.mounts().stream().filter(m -> m.name().equals("data")).findFirst().orElseThrow();
    }

    private int boundPort(String protocol) {
        return listeners.listeners().stream()
                .filter(l -> l.protocol().equals(protocol) && l.state().equals("BOUND"))
                .mapToInt(ListenerInfo::boundPort).findFirst().orElse(-1);
    }
}

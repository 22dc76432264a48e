package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

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

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.config.ConfigService;

/**
 * The linux backend in the assembled server, serving a host folder over NFSv3 to libnfs: what
 * the client writes is on the host disk byte for byte, owned by the squashed identity the kernel
 * saw, and what is put on the disk behind the server is what the client reads.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LinuxBackendIT {

    private static final long RUN_MS = 60_000;
    private static final int NOBODY = 65534;

    @Inject
    private ListenerAdmin listeners;
    @Inject
    private MountAdmin mounts;
    @Inject
    private ConfigService config;

    private LeakLog leaks;
    private Path scratch;
    private LibNfs nfs;
    private Path data;

    @Configuration
    public Option[] config() {
        Path folder;
        try {
            folder = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "linux-data-");
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Assembly.server(Assembly.newHome("linux-backend", """
                {
                  "listeners": [
                    { "protocol": "nfs3", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                    { "protocol": "mount", "transport": "tcp", "address": "127.0.0.1", "port": 0 }
                  ],
                  "mounts": { "data": { "module": "linux", "path": "%s" } },
                  "exports": { "/data": { "access": "rw", "squash": "root", "clients": ["127.0.0.0/8"] } },
                  "shell": { "ssh": false }
                }
                """.formatted(folder)));
    }

    @Before
    public void connect() throws Exception {
        leaks = LeakLog.attach();
        LibNfs.requireInstalled();
        try {
            Await.until("the nfs3 and mount listeners BOUND", 30_000, () -> boundPort("nfs3") > 0 && boundPort("mount") > 0);
            Await.until("the linux mount ACTIVE", 30_000, () -> "ACTIVE".equals(mount().state()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; listeners: " + listeners.listeners() + "; mounts: " + mounts.mounts());
        }
        data = Path.of(config.current().mounts().get("data").path());
        scratch = Scratch.create("linux-backend");
        nfs = new LibNfs(scratch, boundPort("nfs3"), boundPort("mount"));
    }

    @After
    public void cleanUp() throws Exception {
        Scratch.delete(scratch);
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void theMountIsServedByTheLinuxModule() {
        assertEquals("linux", mount().module());
    }

    @Test
    public void aFileCopiedInOverNfsIsOnTheHostDiskByteForByteOwnedByTheSquashedUser() throws Exception {
        byte[] content = VfsClient.random(31, 1024 * 1024 + 1);
        Path original = scratch.resolve("in.bin");
        Files.write(original, content);

        nfs.cp(original.toString(), nfs.url("/data", "in.bin"), RUN_MS).ok();

        Path onDisk = data.resolve("in.bin");
        assertArrayEquals(content, Files.readAllBytes(onDisk));
        assertEquals("root is squashed to nobody, and the kernel made the file as that user", NOBODY,
                Files.getAttribute(onDisk, "unix:uid"));
        ClientRun cat = nfs.cat(nfs.url("/data", "in.bin"), RUN_MS).ok();
        assertArrayEquals(content, Files.readAllBytes(cat.stdout()));
    }

    @Test
    public void aFilePutOnTheDiskBehindTheServerIsListedAndReadOverNfs() throws Exception {
        byte[] content = VfsClient.random(32, 300_001);
        Files.createDirectories(data.resolve("host/deeper"));
        Files.write(data.resolve("host/deeper/from-host.bin"), content);

        ClientRun ls = nfs.ls(nfs.exportUrl("/data"), true, RUN_MS).ok();
        assertTrue(ls.out(), ls.out().contains("from-host.bin"));
        ClientRun cat = nfs.cat(nfs.url("/data", "host/deeper/from-host.bin"), RUN_MS).ok();
        assertArrayEquals(content, Files.readAllBytes(cat.stdout()));
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

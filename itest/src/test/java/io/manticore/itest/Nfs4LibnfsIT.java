package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.osgi.framework.ServiceReference;

import io.manticore.api.admin.ClientInfo;
import io.manticore.api.admin.ClientSource;
import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.Vfs;

/**
 * The NFSv4 service of the assembled server driven by libnfs-utils with {@code version=4}
 * (nfs-cat, nfs-ls, nfs-cp) over loopback: no MOUNT protocol, the pseudo filesystem leads to
 * the export. Data is compared byte for byte with the in-process VFS. Debian's libnfs 4.0
 * writes no more than about 4 KB per NFSv4 call, so what it writes is kept under that.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Nfs4LibnfsIT {

    private static final long RUN_MS = 30_000;
    private static final int MIB = 1024 * 1024;

    @Inject
    private ListenerAdmin listeners;
    @Inject
    private MountAdmin mounts;
    @Inject
    private Vfs vfs;
    @Inject
    private BundleContext context;

    private LeakLog leaks;
    private Path scratch;
    private final AtomicInteger runs = new AtomicInteger();

    @Configuration
    public Option[] config() {
        return Assembly.server(Assembly.newHome("nfs4-libnfs", """
                {
                  "listeners": [ { "protocol": "nfs4", "transport": "tcp", "address": "127.0.0.1", "port": 0 } ],
                  "mounts": { "mem": { "module": "memfs", "options": { "size": "256m", "root_mode": "0777" } } },
                  "exports": { "/mem": { "access": "rw", "squash": "none", "clients": ["127.0.0.0/8"] } },
                  "shell": { "ssh": false }
                }
                """));
    }

    @Before
    public void connect() throws Exception {
        leaks = LeakLog.attach();
        LibNfs.requireInstalled();
        Running.await(listeners, mounts, "nfs4", "mem");
        scratch = Scratch.create("nfs4-libnfs");
    }

    @After
    public void cleanUp() throws Exception {
        Scratch.delete(scratch);
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void filesWrittenThroughTheVfsAreReadOverNfs4ByteIdentical() throws Exception {
        FileHandle root = root();
        for (int size : new int[] {0, 1, MIB + 1, 9 * MIB + 7}) {
            byte[] content = VfsClient.random(40 + size, size);
            VfsClient.create(vfs, root, "cat-" + size + ".bin", content);
            ClientRun run = run("nfs-cat", url("/mem/cat-" + size + ".bin")).ok();
            assertArrayEquals("nfs-cat of " + size + " bytes", content, Files.readAllBytes(run.stdout()));
        }
    }

    @Test
    public void nfsLsListsTheExportWithSizesAndTypes() throws Exception {
        FileHandle dir = vfs.mkdir(Cred.ROOT, root(), "listed", io.manticore.api.vfs.SetAttrs.mode(0755))
                .toCompletableFuture().join().fh();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            VfsClient.create(vfs, dir, String.format("f%03d", i), new byte[i]);
            expected.add(String.format("f%03d %d", i, i));
        }
        vfs.mkdir(Cred.ROOT, dir, "sub", io.manticore.api.vfs.SetAttrs.mode(0700)).toCompletableFuture().join();
        ClientRun run = run("nfs-ls", url("/mem/listed")).ok();
        List<String> files = new ArrayList<>();
        boolean sawSub = false;
        for (String line : run.lines()) {
            NfsLsEntry e = NfsLsEntry.parse(line);
            if (e.type() == '-') {
                files.add(e.path() + " " + e.size());
            } else if (e.type() == 'd' && e.path().equals("sub")) {
                sawSub = e.perms().equals("rwx------");
            }
        }
        files.sort(null);
        assertEquals(run.describe(), expected, files);
        assertTrue("the folder sub with mode 0700: " + run.describe(), sawSub);
    }

    @Test
    public void aSmallFileCopiedInWithNfsCpIsAVfsFile() throws Exception {
        byte[] content = VfsClient.random(41, 3_000);
        Path local = scratch.resolve("small.bin");
        Files.write(local, content);
        run("nfs-cp", local.toString(), url("/mem/small-in.bin")).ok();
        Lookup file = vfs.resolve(Cred.ROOT, "/mem/small-in.bin").toCompletableFuture().join();
        assertEquals(content.length, file.attrs().size());
        assertArrayEquals(content, VfsClient.read(vfs, file.fh(), content.length));
    }

    @Test
    public void aMissingFileIsAnErrorAndTheServerGoesOnServing() throws Exception {
        ClientRun missing = run("nfs-cat", url("/mem/not-there.bin"));
        assertTrue(missing.describe(), missing.exitCode() != 0);
        VfsClient.create(vfs, root(), "after.bin", new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(run("nfs-cat", url("/mem/after.bin")).ok().stdout()));
    }

    @Test
    public void theShellListsTheNfs4Client() throws Exception {
        VfsClient.create(vfs, root(), "seen.bin", new byte[] {9});
        run("nfs-cat", url("/mem/seen.bin")).ok();
        List<ClientInfo> nfs4 = new ArrayList<>();
        for (ServiceReference<ClientSource> ref : context.getServiceReferences(ClientSource.class, null)) {
            for (ClientInfo c : context.getService(ref).clients()) {
                if (c.protocol().equals("nfs4")) {
                    nfs4.add(c);
                }
            }
            context.ungetService(ref);
        }
        assertTrue("an nfs4 client from loopback: " + nfs4, nfs4.stream().anyMatch(c -> c.address().equals("127.0.0.1")));
    }

    private FileHandle root() {
        return vfs.resolve(Cred.ROOT, "/mem").toCompletableFuture().join().fh();
    }

    private String url(String path) {
        return "nfs://127.0.0.1" + path + "?version=4&nfsport=" + port();
    }

    private ClientRun run(String... command) throws Exception {
        return ClientRun.start(scratch, "run-" + runs.incrementAndGet(), Map.of(), RUN_MS, List.of(command));
    }

    private int port() {
        return Running.port(listeners, "nfs4");
    }
}

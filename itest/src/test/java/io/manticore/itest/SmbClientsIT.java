package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.Vfs;

/**
 * The SMB service of the assembled server driven by real clients over loopback: Samba's
 * smbclient in every dialect, plain, signed and encrypted, smbj and jcifs-ng. Data is compared
 * byte for byte, both ways between SMB and the in-process VFS.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SmbClientsIT {

    private static final long RUN_MS = 60_000;
    private static final String PASSWORD = "itest-only-password";
    private static final Path SMBCLIENT = Path.of("/usr/bin/smbclient");
    private static final List<String> DIALECTS = List.of("SMB2_02", "SMB2_10", "SMB3_00", "SMB3_02", "SMB3_11");

    @Inject
    private ListenerAdmin listeners;
    @Inject
    private MountAdmin mounts;
    @Inject
    private Vfs vfs;

    private LeakLog leaks;
    private Path scratch;

    @Configuration
    public Option[] config() {
        return Assembly.server(Assembly.newHome("smb-clients", """
                {
                  "listeners": [ { "protocol": "smb", "transport": "tcp", "address": "127.0.0.1", "port": 0 } ],
                  "mounts": { "mem": { "module": "memfs", "options": { "size": "256m", "root_mode": "1777" } } },
                  "shares": {
                    "data": { "path": "/mem", "access": "rw", "comment": "itest share" },
                    "sealed": { "path": "/mem", "access": "rw", "encrypt": true }
                  },
                  "users": [ { "name": "alice", "password": "%s", "uid": 1000, "gid": 1000 } ],
                  "shell": { "ssh": false }
                }
                """.formatted(PASSWORD)));
    }

    @Before
    public void connect() throws Exception {
        leaks = LeakLog.attach();
        assertTrue("smbclient is not installed: install smbclient (.ci/run does)", Files.isExecutable(SMBCLIENT));
        Running.await(listeners, mounts, "smb", "mem");
        scratch = Scratch.create("smb-clients");
    }

    @After
    public void cleanUp() throws Exception {
        Scratch.delete(scratch);
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void everyDialectPutsGetsRenamesAndRemovesPlainSignedAndEncrypted() throws Exception {
        byte[] content = VfsClient.random(21, 1024 * 1024 + 1);
        Files.write(scratch.resolve("up.bin"), content);
        for (String dialect : DIALECTS) {
            List<String> protections = dialect.startsWith("SMB3") ? List.of("off", "sign", "encrypt") : List.of("off", "sign");
            for (String protection : protections) {
                String folder = "m-" + dialect + "-" + protection;
                Path back = scratch.resolve(folder + ".bin");
                ClientRun run = smbclient(List.of("//127.0.0.1/data", "-m", dialect, "--client-protection=" + protection, "-c",
                        "lcd " + scratch + "; mkdir " + folder + "; cd " + folder + "; put up.bin; ls; get up.bin " + back.getFileName()
                                + "; rename up.bin Moved.bin; allinfo moved.bin; rm MOVED.BIN; ls; cd ..; rmdir " + folder));
                String what = dialect + " " + protection + ": " + run.describe();
                assertEquals(what, 0, run.exitCode());
                // 8.3 names are not kept: allinfo's question for one is answered NOT_SUPPORTED, and only that may fail.
                assertFalse(what, run.out().lines().anyMatch(l -> l.contains("NT_STATUS_") && !l.contains("getting alt name")));
                assertTrue(what, run.out().contains("up.bin"));
                assertTrue(what, run.out().contains("create_time:"));
                assertArrayEquals(what, content, Files.readAllBytes(back));
                assertTrue(what + ": the folder is gone", missing("/mem/" + folder));
            }
        }
    }

    @Test
    public void anEncryptedShareIsServedEncryptedOverSmb3AndRefusedToSmb2() throws Exception {
        Files.write(scratch.resolve("sealed.bin"), VfsClient.random(24, 70_000));
        ClientRun smb3 = smbclient(List.of("//127.0.0.1/sealed", "-m", "SMB3_11", "-c",
                "lcd " + scratch + "; put sealed.bin; get sealed.bin sealed-back.bin; rm sealed.bin")).ok();
        assertArrayEquals(smb3.describe(), Files.readAllBytes(scratch.resolve("sealed.bin")),
                Files.readAllBytes(scratch.resolve("sealed-back.bin")));
        ClientRun smb2 = smbclient(List.of("//127.0.0.1/sealed", "-m", "SMB2_10", "-c", "ls"));
        assertNotEquals(smb2.describe(), 0, smb2.exitCode());
        assertTrue(smb2.describe(), (smb2.out() + smb2.stderr()).contains("NT_STATUS_ACCESS_DENIED"));
    }

    @Test
    public void listingSharesNamesTheShareAndIpc() throws Exception {
        ClientRun run = smbclient(List.of("-L", "//127.0.0.1", "-m", "SMB3_11")).ok();
        assertTrue(run.describe(), run.out().matches("(?s).*data\\s+Disk\\s+itest share.*"));
        assertTrue(run.describe(), run.out().contains("IPC$"));
    }

    @Test
    public void aWrongPasswordIsRefusedAndTheRightOneStillWorks() throws Exception {
        ClientRun wrong = smbclient(List.of("//127.0.0.1/data", "-U", "alice%not-the-password", "-m", "SMB3_11", "-c", "ls"));
        assertNotEquals(wrong.describe(), 0, wrong.exitCode());
        assertTrue(wrong.describe(), (wrong.out() + wrong.stderr()).contains("NT_STATUS_LOGON_FAILURE"));
        smbclient(List.of("//127.0.0.1/data", "-m", "SMB3_11", "-c", "ls")).ok();
    }

    @Test
    public void aFileWrittenOverSmbIsAVfsFileAndAVfsFileIsReadOverSmb() throws Exception {
        byte[] up = VfsClient.random(22, 777_777);
        Files.write(scratch.resolve("cross.bin"), up);
        smbclient(List.of("//127.0.0.1/data", "-m", "SMB3_11", "-c", "lcd " + scratch + "; put cross.bin")).ok();
        Lookup file = vfs.resolve(Cred.ROOT, "/mem/cross.bin").toCompletableFuture().join();
        assertEquals("owned by the session's user", 1000, file.attrs().uid());
        assertArrayEquals(up, VfsClient.read(vfs, file.fh(), up.length));

        byte[] down = VfsClient.random(23, 1_500_001);
        FileHandle root = vfs.resolve(Cred.ROOT, "/mem").toCompletableFuture().join().fh();
        VfsClient.create(vfs, root, "From-Vfs.bin", down);
        smbclient(List.of("//127.0.0.1/data", "-m", "SMB3_11", "-c", "lcd " + scratch + "; get from-vfs.bin got.bin")).ok();
        assertArrayEquals("read over SMB by another case", down, Files.readAllBytes(scratch.resolve("got.bin")));
    }

    @Test
    public void smbjWritesReadsRenamesAndRemovesOnAnEncryptedShareOverSmb311() throws Exception {
        javaClient("io.manticore.itest.smb.SmbjClient", "sealed", "smbj");
        assertTrue(missing("/mem/smbj"));
    }

    @Test
    public void jcifsNgWritesReadsRenamesAndRemovesOverASignedSmb311Session() throws Exception {
        javaClient("io.manticore.itest.smb.JcifsClient", "data", "jcifs");
        assertTrue(missing("/mem/jcifs"));
    }

    @Test
    public void garbageClosesOnlyItsOwnConnection() throws Exception {
        List<byte[]> garbage = List.of(
                new byte[] {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe, 'S', 'M', 'B'},
                frame(new byte[] {(byte) 0xfe, 'X', 'Y', 'Z', 64, 0}),
                frame(new byte[] {(byte) 0xfe, 'S', 'M', 'B', 64, 0, 0, 0}),
                new byte[] {(byte) 0x81, 0, 0, 4, 1, 2, 3, 4});
        try (Socket bystander = new Socket("127.0.0.1", port())) {
            for (byte[] bad : garbage) {
                try (Socket s = new Socket("127.0.0.1", port())) {
                    s.setSoTimeout(10_000);
                    OutputStream out = s.getOutputStream();
                    out.write(bad);
                    out.flush();
                    InputStream in = s.getInputStream();
                    assertEquals("closed after " + VfsClient.hex(bad), -1, drain(in));
                }
            }
            assertFalse("the other connection stays open", bystander.isClosed());
            smbclient(List.of("//127.0.0.1/data", "-m", "SMB3_11", "-c", "ls")).ok();
        }
    }

    /** Reads what the server sends until it closes; -1 when it closed, whatever came first. */
    private static int drain(InputStream in) throws Exception {
        byte[] b = new byte[4096];
        while (in.read(b) >= 0) {
            // Anything before the close (an error reply) is allowed.
        }
        return -1;
    }

    private static byte[] frame(byte[] body) {
        byte[] out = new byte[4 + body.length];
        out[3] = (byte) body.length;
        out[2] = (byte) (body.length >> 8);
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    private void javaClient(String main, String share, String folder) throws Exception {
        // The client library runs in a JVM of its own with this test's class path (it is not an OSGi bundle).
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path quiet = scratch.resolve("logback-quiet.xml");
        Files.writeString(quiet, "<configuration><root level=\"OFF\"/></configuration>\n");
        ClientRun run = ClientRun.start(scratch, folder, Map.of(), 2 * RUN_MS, List.of(javaBin,
                "-Dlogback.configurationFile=" + quiet, "-cp", System.getProperty("java.class.path"), main,
                "127.0.0.1", String.valueOf(port()), share, "alice", PASSWORD, folder)).ok();
        assertEquals(run.describe(), List.of("OK"), run.lines());
    }

    private boolean missing(String path) {
        return vfs.resolve(Cred.ROOT, path).handle((l, e) -> e != null).toCompletableFuture().join();
    }

    private ClientRun smbclient(List<String> args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(SMBCLIENT.toString(), "-p", String.valueOf(port())));
        if (!args.contains("-U")) {
            argv.addAll(List.of("-U", "alice%" + PASSWORD));
        }
        argv.addAll(args);
        // A private smb.conf keeps the machine's own out of the test.
        Path conf = scratch.resolve("smb.conf");
        if (!Files.exists(conf)) {
            Files.writeString(conf, "[global]\n", StandardCharsets.UTF_8);
        }
        argv.add(1, "--configfile=" + conf);
        return ClientRun.start(scratch, "smbclient", Map.of(), RUN_MS, argv);
    }

    private int port() {
        return Running.port(listeners, "smb");
    }
}

package io.manticore.protocol.smb.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.manticore.api.cred.Cred;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.testkit.LeakCheck;

/** Samba's smbclient against the SMB handlers on loopback: the commands users type, byte-compared. */
public class SmbClientTest {

    private static final Path SMBCLIENT = Path.of("/usr/bin/smbclient");

    @Rule
    public final LeakCheck leaks = new LeakCheck();
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private TestVfs fs;
    private LoopbackSmbServer server;

    @Before
    public void setUp() {
        assumeTrue("smbclient is installed", Files.isExecutable(SMBCLIENT));
        fs = new TestVfs();
        fs.mkdirs(Cred.ROOT, "/mem/share");
        fs.write(Cred.ROOT, "/mem/share/Hello.txt", "hello from the server\n".getBytes(StandardCharsets.UTF_8));
        fs.user("alice", 0, 0).share("data", "/mem/share", false);
        server = new LoopbackSmbServer(fs);
    }

    @After
    public void tearDown() {
        if (server != null) {
            server.close();
        }
        if (fs != null) {
            fs.close();
        }
    }

    @Test
    public void putGetListRenameAndRemoveOverSmb311() throws Exception {
        roundTrip("SMB3_11");
    }

    @Test
    public void putGetListRenameAndRemoveOverSmb202() throws Exception {
        roundTrip("SMB2_02");
    }

    @Test
    public void putAndGetOverAnEncryptedSmb311Session() throws Exception {
        byte[] content = new byte[300_000];
        new Random(11).nextBytes(content);
        Files.write(tmp.getRoot().toPath().resolve("sealed.bin"), content);
        Result r = run(List.of("//127.0.0.1/data", "-m", "SMB3_11", "--client-protection=encrypt", "-c",
                "lcd " + tmp.getRoot() + "; put sealed.bin; get sealed.bin back.bin"));
        assertEquals(r.output, 0, r.exit);
        assertArrayEquals(content, Files.readAllBytes(tmp.getRoot().toPath().resolve("back.bin")));
    }

    @Test
    public void listingSharesNamesTheConfiguredShareAndIpc() throws Exception {
        Result r = run(List.of("-L", "//127.0.0.1", "-m", "SMB3_11"));
        assertEquals(r.output, 0, r.exit);
        assertTrue(r.output, r.output.matches("(?s).*data\\s+Disk\\s+share data.*"));
        assertTrue(r.output, r.output.contains("IPC$"));
    }

    @Test
    public void aWrongPasswordIsRefused() throws Exception {
        Result r = run(List.of("//127.0.0.1/data", "-U", "alice%wrong", "-m", "SMB3_11", "-c", "ls"));
        assertTrue(r.output, r.exit != 0);
        assertTrue(r.output, r.output.contains("NT_STATUS_LOGON_FAILURE"));
    }

    private void roundTrip(String dialect) throws Exception {
        byte[] content = new byte[1024 * 1024 + 1];
        new Random(7).nextBytes(content);
        Path local = tmp.newFile("up.bin").toPath();
        Files.write(local, content);
        Path back = tmp.getRoot().toPath().resolve("down.bin");
        Result r = smbclient(dialect, "lcd " + tmp.getRoot() + "; put up.bin; ls; get up.bin down.bin; mkdir d;"
                + " rename up.bin d\\moved.bin; allinfo d\\moved.bin; get hello.txt hello.txt; rm d\\moved.bin; rmdir d; ls");
        assertEquals(r.output, 0, r.exit);
        assertArrayEquals(content, Files.readAllBytes(back));
        assertEquals("hello from the server\n", Files.readString(tmp.getRoot().toPath().resolve("hello.txt")));
        assertTrue(r.output, r.output.contains("up.bin"));
        assertTrue(r.output, r.output.contains("Hello.txt"));
        assertTrue(r.output, r.output.contains("create_time:"));
    }

    private Result smbclient(String dialect, String commands) throws IOException, InterruptedException {
        return run(List.of("//127.0.0.1/data", "-m", dialect, "-c", commands));
    }

    /** Runs smbclient as alice (unless the arguments name another user) against the loopback server. */
    private Result run(List<String> args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(SMBCLIENT.toString(), "-p", String.valueOf(server.port())));
        if (!args.contains("-U")) {
            argv.addAll(List.of("-U", "alice%secret-alice"));
        }
        argv.addAll(args);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("smbclient finished", p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    private record Result(int exit, String output) {
    }
}

package io.manticore.shell.internal.ssh;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.manticore.api.config.ShellConfig;
import io.manticore.api.config.UserConfig;

public class ShellServerTest {

    private static final ShellConfig ANY_PORT = new ShellConfig(true, "127.0.0.1", 0);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final ScriptedRunner runner = new ScriptedRunner();
    private final List<UserConfig> users = new CopyOnWriteArrayList<>(List.of(
            new UserConfig("alice", "s3cret-ü", null, 1000, 1000, List.of(), true),
            new UserConfig("bob", "bobpass", null, 1001, 1001, List.of(), false),
            new UserConfig("carol", null, "0123456789abcdef0123456789abcdef", 1002, 1002, List.of(), true)));
    private Path var;
    private Path ssh;
    private ShellServer server;
    private TestClient client;

    @Before
    public void start() throws IOException {
        var = folder.newFolder("var").toPath();
        ssh = var.resolve("ssh");
        server = new ShellServer(var, runner, () -> users);
        server.apply(ANY_PORT);
        client = new TestClient();
    }

    @After
    public void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    public void firstStartWritesHostKeyAdminKeysAndTheBoundPort() throws IOException {
        int port = server.boundPort();

        assertTrue(port > 0);
        assertEquals("127.0.0.1 " + port + "\n", Files.readString(ssh.resolve("port"), StandardCharsets.US_ASCII));
        assertTrue(Files.size(ssh.resolve("host_key")) > 0);
        assertTrue(Files.readString(ssh.resolve("admin_key")).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
        assertTrue(Files.readString(ssh.resolve("admin_key.pub")).startsWith("ecdsa-sha2-nistp256 "));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ssh.resolve("admin_key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ssh)));
    }

    @Test
    public void adminKeyLogsInAndExecPrintsTheCommandsOutputWithStatusZero() throws Exception {
        try (ClientSession session = client.login(server.boundPort(), "admin", adminKey(), null)) {
            assertEquals(new TestClient.Outcome("hello world\n", "", 0), TestClient.exec(session, "echo hello world"));
            assertEquals(new TestClient.Outcome("42\n", "", 0), TestClient.exec(session, "value"));
            assertEquals(new TestClient.Outcome("", "", 0), TestClient.exec(session, "quiet"));
        }
        assertEquals(List.of("echo hello world", "value", "quiet"), runner.lines);
        assertEquals(3, runner.closed.size());
    }

    @Test
    public void aFailingCommandPrintsOneErrorLineAndExitsWithOne() throws Exception {
        try (ClientSession session = client.login(server.boundPort(), "admin", adminKey(), null)) {
            assertEquals(new TestClient.Outcome("", "Error: it failed\n", 1), TestClient.exec(session, "fail"));
            assertEquals(new TestClient.Outcome("", "Error: Command not found: nas:nothing\n", 1),
                    TestClient.exec(session, "nas:nothing"));
        }
    }

    @Test
    public void keysSurviveARestartSoTheSameAdminKeyStillWorks() throws Exception {
        KeyPair before = adminKey();
        byte[] hostKey = Files.readAllBytes(ssh.resolve("host_key"));
        server.close();
        server = new ShellServer(var, runner, () -> users);
        server.apply(ANY_PORT);

        assertEquals(before.getPublic(), adminKey().getPublic());
        assertEquals(new String(hostKey, StandardCharsets.UTF_8), Files.readString(ssh.resolve("host_key")));
        try (ClientSession session = client.login(server.boundPort(), "admin", before, null)) {
            assertEquals(0, (int) TestClient.exec(session, "quiet").status());
        }
    }

    @Test
    public void aShellAdminLogsInWithItsPassword() throws Exception {
        try (ClientSession session = client.login(server.boundPort(), "alice", null, "s3cret-ü")) {
            assertEquals(new TestClient.Outcome("hi\n", "", 0), TestClient.exec(session, "echo hi"));
        }
    }

    @Test
    public void aWrongPasswordIsRefused() {
        assertThrows(SshException.class, () -> client.login(server.boundPort(), "alice", null, "s3cret-u"));
    }

    @Test
    public void aUserWhoIsNotShellAdminIsRefusedWithTheRightPassword() {
        assertThrows(SshException.class, () -> client.login(server.boundPort(), "bob", null, "bobpass"));
    }

    @Test
    public void aUserWithoutPasswordIsRefused() {
        assertThrows(SshException.class, () -> client.login(server.boundPort(), "carol", null, "anything"));
    }

    @Test
    public void withoutAdminKeyOrPasswordLoginIsRefused() {
        assertThrows(SshException.class, () -> client.login(server.boundPort(), "admin", null, null));
    }

    @Test
    public void anotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair stranger = generator.generateKeyPair();

        assertThrows(SshException.class, () -> client.login(server.boundPort(), "admin", stranger, null));
    }

    @Test
    public void theAdminKeyIsAcceptedOnlyForUserAdmin() {
        assertThrows(SshException.class, () -> client.login(server.boundPort(), "alice", adminKey(), null));
    }

    @Test
    public void theInteractiveShellPromptsRunsLinesAndEndsOnExit() throws Exception {
        try (ClientSession session = client.login(server.boundPort(), "admin", adminKey(), null)) {
            TestClient.Outcome outcome = TestClient.shell(session, InteractiveShell.PROMPT,
                    List.of("echo one two", "value", "", "fail"), "exit\r");

            String shown = outcome.out();
            assertEquals(0, (int) outcome.status());
            assertEquals(shown, 5, TestClient.occurrences(shown, InteractiveShell.PROMPT));
            int firstPrompt = shown.indexOf(InteractiveShell.PROMPT);
            assertTrue(shown, shown.indexOf("one two\r\n") > firstPrompt);
            assertTrue(shown, shown.indexOf("42\r\n") > shown.indexOf("one two\r\n"));
            assertTrue(shown, shown.indexOf("Error: it failed\r\n") > shown.indexOf("42\r\n"));
        }
        assertEquals(List.of("echo one two", "value", "fail"), runner.lines);
        assertEquals(List.of("session"), runner.closed);
    }

    @Test
    public void theInteractiveShellEndsAtEndOfInput() throws Exception {
        try (ClientSession session = client.login(server.boundPort(), "admin", adminKey(), null)) {
            TestClient.Outcome outcome = TestClient.shell(session, InteractiveShell.PROMPT, List.of("quiet"), "\u0004");

            assertEquals(0, (int) outcome.status());
        }
        assertEquals(List.of("quiet"), runner.lines);
        assertEquals(List.of("session"), runner.closed);
    }

    @Test
    public void sameSettingsKeepTheServerAndNewOnesRestartIt() throws Exception {
        int first = server.boundPort();
        server.apply(new ShellConfig(true, "127.0.0.1", 0));
        assertEquals(first, server.boundPort());

        int free = freePort();
        server.apply(new ShellConfig(true, "127.0.0.1", free));

        assertEquals(free, server.boundPort());
        assertEquals("127.0.0.1 " + free + "\n", Files.readString(ssh.resolve("port")));
        try (ClientSession session = client.login(free, "admin", adminKey(), null)) {
            assertEquals(0, (int) TestClient.exec(session, "quiet").status());
        }
    }

    @Test
    public void disablingTheShellStopsItAndRemovesThePortFile() {
        server.apply(new ShellConfig(false, "127.0.0.1", 0));

        assertEquals(-1, server.boundPort());
        assertFalse(Files.exists(ssh.resolve("port")));
    }

    @Test
    public void aPortInUseLeavesTheShellStoppedUntilTheNextSettings() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.apply(new ShellConfig(true, "127.0.0.1", taken.getLocalPort()));

            assertEquals(-1, server.boundPort());
            assertFalse(Files.exists(ssh.resolve("port")));
        }
        server.apply(ANY_PORT);

        assertNotEquals(-1, server.boundPort());
    }

    @Test
    public void closingStopsTheShellAndLaterSettingsAreIgnored() {
        server.close();
        server.apply(new ShellConfig(true, "127.0.0.1", 0));

        assertEquals(-1, server.boundPort());
        assertFalse(Files.exists(ssh.resolve("port")));
    }

    private KeyPair adminKey() throws Exception {
        return AdminKey.read(ssh.resolve("admin_key"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

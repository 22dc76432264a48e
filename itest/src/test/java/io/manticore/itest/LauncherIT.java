package io.manticore.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

/**
 * The real launcher as a process, the way {@code ./manticore run} starts it: it refuses an
 * invalid configuration with one line naming the JSON path, serves the shell over SSH to
 * {@code ./manticore shell}, writes its log under var/log, and stops on SIGTERM.
 */
public class LauncherIT {

    private Process server;

    @After
    public void kill() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(Path home) throws IOException {
        Path dist = Assembly.dist();
        List<String> cmd = new ArrayList<>(List.of(
                javaBin(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Dio.netty.jfr.enabled=false",
                "-cp", dist.resolve("lib") + "/*", "io.manticore.launcher.Main", "--home", home.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(home.resolve("stdout.txt").toFile())
                .redirectError(home.resolve("stderr.txt").toFile());
        return pb.start();
    }

    @Test
    public void anInvalidConfigurationIsRefusedWithItsPathAndANonZeroExit() throws Exception {
        Path home = Assembly.newHome("invalid", "{ \"mounts\": { \"mem\": { \"module\": \"memfs\", \"size\": \"1g\" } } }");
        server = start(home);
        assertTrue("the server did not exit", server.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, server.exitValue());
        String stderr = Files.readString(home.resolve("stderr.txt"));
        List<String> lines = stderr.lines().filter(l -> l.startsWith("manticore:")).toList();
        assertEquals(stderr, 1, lines.size());
        assertTrue(stderr, lines.get(0).contains("$.mounts.mem.size: unknown key"));
    }

    @Test
    public void theServerAnswersTheShellOverSshAndStopsOnSigterm() throws Exception {
        Path home = Assembly.newHome("launcher", """
                {
                  "mounts": { "mem": { "module": "memfs", "options": { "size": "32m" } } },
                  "shell": { "ssh": true, "ssh_address": "127.0.0.1", "ssh_port": 0 }
                }
                """);
        server = start(home);
        Await.until("the SSH shell's port file", 60_000, () -> Files.exists(home.resolve("var/ssh/port")));
        Await.until("nas:mounts showing mem ACTIVE", 60_000, () -> shell(home, "nas:mounts").contains("ACTIVE"));
        String mounts = shell(home, "nas:mounts");
        assertTrue(mounts, mounts.lines().anyMatch(l -> l.startsWith("mem ") && l.contains("memfs")));

        Process failing = shellProcess(home, "nas:swap", "nosuchmount", "memfs");
        String err = new String(failing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("the shell client hung", failing.waitFor(30, TimeUnit.SECONDS));
        assertEquals(err, 1, failing.exitValue());
        assertTrue(err, err.contains("nosuchmount"));

        long t0 = System.nanoTime();
        server.destroy(); // SIGTERM
        assertTrue("the server did not stop on SIGTERM", server.waitFor(30, TimeUnit.SECONDS));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("stopped " + millis + " ms after SIGTERM");
        String log = Files.readString(home.resolve("var/log/manticore.log"));
        assertTrue(log, log.contains("bundle io.manticore.core"));
        assertTrue(log, log.contains("configuration"));
        assertTrue(log, log.contains("stopped"));
    }

    /** What {@code ./manticore shell <command>} prints: the client runs as its own process. */
    private static String shell(Path home, String command) {
        try {
            Process p = shellProcess(home, command);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the shell client hung on " + command);
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Process shellProcess(Path home, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp", Assembly.dist().resolve("lib") + "/*",
                "io.manticore.launcher.ShellClient", "--home", home.toString()));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

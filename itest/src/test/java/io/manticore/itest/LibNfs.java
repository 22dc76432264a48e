package io.manticore.itest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBufUtil;

/**
 * Runs the libnfs-utils clients (nfs-cp, nfs-cat, nfs-ls) against one NFSv3 server whose
 * NFS and MOUNT ports are named in every URL, so no portmapper is asked. Each run has a
 * deadline: a client that passes it is killed and the test fails. Stdout and stderr go to
 * files in a scratch folder (stdout may be a large binary file) and both appear in every
 * assertion message.
 */
final class LibNfs {

    static final String HOST = "127.0.0.1";

    private static final int SHOWN_CHARS = 4_000;

    private final Path scratch;
    private final int nfsPort;
    private final int mountPort;
    private final AtomicInteger runs = new AtomicInteger();

    LibNfs(Path scratch, int nfsPort, int mountPort) {
        this.scratch = scratch;
        this.nfsPort = nfsPort;
        this.mountPort = mountPort;
    }

    /** Fails with a clear message when a client is not on the PATH. */
    static void requireInstalled() {
        for (String tool : List.of("nfs-cp", "nfs-cat", "nfs-ls")) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                found |= Files.isExecutable(Path.of(dir, tool));
            }
            if (!found) {
                throw new AssertionError(tool + " is not on the PATH: install libnfs-utils (.ci/run does)");
            }
        }
    }

    /** The URL of the file {@code name} at the top of the export {@code exportPath}. */
    String url(String exportPath, String name) {
        return "nfs://" + HOST + exportPath + "/" + name + ports();
    }

    /** The URL of the export's root directory, as nfs-ls takes it (the whole path is mounted). */
    String exportUrl(String exportPath) {
        return "nfs://" + HOST + exportPath + ports();
    }

    private String ports() {
        return "?nfsport=" + nfsPort + "&mountport=" + mountPort;
    }

    Run cp(String from, String to, long timeoutMillis) throws IOException, InterruptedException {
        return run(timeoutMillis, "nfs-cp", from, to);
    }

    Run cat(String url, long timeoutMillis) throws IOException, InterruptedException {
        return run(timeoutMillis, "nfs-cat", url);
    }

    Run ls(String url, boolean recursive, long timeoutMillis) throws IOException, InterruptedException {
        return recursive ? run(timeoutMillis, "nfs-ls", "-R", url) : run(timeoutMillis, "nfs-ls", url);
    }

    Run run(long timeoutMillis, String... command) throws IOException, InterruptedException {
        int n = runs.incrementAndGet();
        Path out = scratch.resolve("run-" + n + ".stdout");
        Path err = scratch.resolve("run-" + n + ".stderr");
        List<String> cmd = List.of(command);
        Process p = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            Run killed = new Run(cmd, -1, out, Files.readString(err, StandardCharsets.ISO_8859_1));
            throw new AssertionError("killed after " + timeoutMillis + " ms: " + killed.describe());
        }
        return new Run(cmd, p.exitValue(), out, Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    /**
     * One finished client run.
     *
     * @param stdout the file holding what the client wrote to stdout
     */
    record Run(List<String> command, int exitCode, Path stdout, String stderr) {

        /** This run, after failing the test unless the client exited 0. */
        Run ok() {
            if (exitCode != 0) {
                throw new AssertionError("failed: " + describe());
            }
            return this;
        }

        String out() {
            try {
                return Files.readString(stdout, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> lines() {
            return out().lines().toList();
        }

        /** The command, its exit code, its stderr and (shortened, or in hex when binary) its stdout. */
        String describe() {
            return String.join(" ", command) + "\n  exit code: " + exitCode
                    + "\n  stderr: " + shorten(stderr) + "\n  stdout: " + showStdout();
        }

        private String showStdout() {
            try {
                long size = Files.size(stdout);
                byte[] head = new byte[(int) Math.min(size, SHOWN_CHARS)];
                try (var in = Files.newInputStream(stdout)) {
                    in.readNBytes(head, 0, head.length);
                }
                for (byte b : head) {
                    if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t' || b == 0x7f) {
                        return size + " bytes, binary, starting " + ByteBufUtil.hexDump(head, 0, Math.min(32, head.length));
                    }
                }
                String text = new String(head, StandardCharsets.UTF_8);
                return size > head.length ? size + " bytes, starting:\n" + text + "\n  [...]" : text;
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        private static String shorten(String s) {
            return s.length() > SHOWN_CHARS ? s.substring(0, SHOWN_CHARS) + "\n  [...]" : s;
        }
    }
}

package io.manticore.itest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBufUtil;

/**
 * One finished run of a real client program. Stdout and stderr go to files in a scratch
 * folder (stdout may be a large binary file) and both appear in every assertion message;
 * a run that passes its deadline is killed and fails the test.
 *
 * @param stdout the file holding what the client wrote to stdout
 */
record ClientRun(List<String> command, int exitCode, Path stdout, String stderr) {

    private static final int SHOWN_CHARS = 4_000;

    /** Runs {@code command} with {@code env} added to this process's environment; outputs go to {@code scratch} as {@code name}.stdout/.stderr. */
    static ClientRun start(Path scratch, String name, Map<String, String> env, long timeoutMillis, List<String> command)
            throws IOException, InterruptedException {
        Path out = scratch.resolve(name + ".stdout");
        Path err = scratch.resolve(name + ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            ClientRun killed = new ClientRun(command, -1, out, Files.readString(err, StandardCharsets.ISO_8859_1));
            throw new AssertionError("killed after " + timeoutMillis + " ms: " + killed.describe());
        }
        return new ClientRun(command, p.exitValue(), out, Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    /** This run, after failing the test unless the client exited 0. */
    ClientRun ok() {
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

package io.manticore.itest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the libnfs-utils clients (nfs-cp, nfs-cat, nfs-ls) against one NFSv3 server whose
 * NFS and MOUNT ports are named in every URL, so no portmapper is asked. Each run has a
 * deadline: a client that passes it is killed and the test fails. Stdout and stderr go to
 * files in a scratch folder (stdout may be a large binary file) and both appear in every
 * assertion message.
 */
final class LibNfs {

    static final String HOST = "127.0.0.1";

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

    ClientRun cp(String from, String to, long timeoutMillis) throws IOException, InterruptedException {
        return run(timeoutMillis, "nfs-cp", from, to);
    }

    ClientRun cat(String url, long timeoutMillis) throws IOException, InterruptedException {
        return run(timeoutMillis, "nfs-cat", url);
    }

    ClientRun ls(String url, boolean recursive, long timeoutMillis) throws IOException, InterruptedException {
        return recursive ? run(timeoutMillis, "nfs-ls", "-R", url) : run(timeoutMillis, "nfs-ls", url);
    }

    ClientRun run(long timeoutMillis, String... command) throws IOException, InterruptedException {
        return ClientRun.start(scratch, "run-" + runs.incrementAndGet(), Map.of(), timeoutMillis, List.of(command));
    }
}

package io.manticore.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.config.ConfigService;

/**
 * The s3 bundle updated from deploy/ three times while aws-cli writes and reads objects in a
 * loop: the listener goes away and comes back on the same port, connections close after their
 * request in flight, and the client, retrying as it does, sees no error and no wrong byte.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class S3HotUpdateIT {

    private static final String S3_BUNDLE = "io.manticore.protocol.s3";
    private static final String ACCESS_KEY = "AKIDMANTICOREHOTUPDATE";
    /** A key for this test's server only, which exists only while the test runs. */
    private static final String SECRET_KEY = "itest-only-secret-hot-update-0123456789";
    private static final long RUN_MS = 60_000;

    @Inject
    private BundleContext context;
    @Inject
    private ConfigService config;
    @Inject
    private ListenerAdmin listeners;

    private LeakLog leaks;
    private Path scratch;

    @Configuration
    public Option[] config() {
        // A fixed port: the listener is rebound after each update, and the client keeps its endpoint.
        return Assembly.server(Assembly.newHome("s3-hot-update", """
                {
                  "listeners": [ { "protocol": "s3", "transport": "tcp", "address": "127.0.0.1", "port": %d } ],
                  "mounts": { "mem": { "module": "memfs", "options": { "size": "128m", "root_mode": "1777" } } },
                  "buckets": { "mem": { "path": "/mem" } },
                  "users": [ { "name": "alice", "password": "unused", "uid": 1000, "gid": 1000 } ],
                  "s3_access_keys": [ { "access_key": "%s", "secret_key": "%s", "user": "alice" } ],
                  "shell": { "ssh": false }
                }
                """.formatted(DeployedBundle.freePort(), ACCESS_KEY, SECRET_KEY)));
    }

    @Before
    public void setUp() throws Exception {
        leaks = LeakLog.attach();
        S3Tools.requireInstalled();
        Await.until("the s3 listener BOUND", 30_000, () -> boundPort() > 0);
        scratch = Scratch.create("s3-hot-update");
    }

    @After
    public void cleanUp() throws Exception {
        Scratch.delete(scratch);
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void theS3BundleUpdatedThreeTimesUnderLoadShowsTheClientNoError() throws Exception {
        int port = boundPort();
        S3Tools s3 = new S3Tools(scratch, port, ACCESS_KEY, SECRET_KEY);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        List<String> errors = new ArrayList<>();
        CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    byte[] content = VfsClient.random(i, 10_000 + i * 1_000);
                    Path up = scratch.resolve("up-" + i);
                    Files.write(up, content);
                    ClientRun put = s3.aws(RUN_MS, "s3", "cp", "--only-show-errors", up.toString(), "s3://mem/hot/" + i);
                    Path down = scratch.resolve("down-" + i);
                    ClientRun get = s3.aws(RUN_MS, "s3", "cp", "--only-show-errors", "s3://mem/hot/" + i, down.toString());
                    if (put.exitCode() != 0 || get.exitCode() != 0) {
                        synchronized (errors) {
                            errors.add(put.describe() + "\n" + get.describe());
                        }
                    } else if (!Arrays.equals(content, Files.readAllBytes(down))) {
                        synchronized (errors) {
                            errors.add("round " + i + ": the object read back differs");
                        }
                    }
                    rounds.incrementAndGet();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Await.until("the client's first rounds", 60_000, () -> rounds.get() >= 2);
        for (int update = 1; update <= 3; update++) {
            int roundsBefore = rounds.get();
            updateBundle(update, port);
            Await.until("the client making progress after update " + update, 60_000, () -> rounds.get() >= roundsBefore + 2);
        }
        stop.set(true);
        client.get(120, TimeUnit.SECONDS);
        assertEquals("errors the client saw", List.of(), errors);
        assertTrue("the client worked through the updates: " + rounds.get(), rounds.get() >= 8);
    }

    @Test
    public void aMultipartUploadStartedBeforeAnUpdateCompletesAfterIt() throws Exception {
        int port = boundPort();
        S3Tools s3 = new S3Tools(scratch, port, ACCESS_KEY, SECRET_KEY);
        byte[] first = VfsClient.random(1, 5 * 1024 * 1024);
        byte[] second = VfsClient.random(2, 1024 * 1024 + 7);
        Path part1 = scratch.resolve("part1");
        Path part2 = scratch.resolve("part2");
        Files.write(part1, first);
        Files.write(part2, second);
        String created = s3.aws(RUN_MS, "s3api", "create-multipart-upload", "--bucket", "mem", "--key", "across/update",
                "--query", "UploadId", "--output", "text").ok().out().strip();
        String etag1 = s3.aws(RUN_MS, "s3api", "upload-part", "--bucket", "mem", "--key", "across/update", "--upload-id",
                created, "--part-number", "1", "--body", part1.toString(), "--query", "ETag", "--output", "text")
                .ok().out().strip();

        updateBundle(4, port);

        String etag2 = s3.aws(RUN_MS, "s3api", "upload-part", "--bucket", "mem", "--key", "across/update", "--upload-id",
                created, "--part-number", "2", "--body", part2.toString(), "--query", "ETag", "--output", "text")
                .ok().out().strip();
        String listed = s3.aws(RUN_MS, "s3api", "list-parts", "--bucket", "mem", "--key", "across/update", "--upload-id",
                created, "--query", "Parts[].PartNumber", "--output", "text").ok().out().strip();
        assertEquals("both parts, the first from before the update", "1\t2", listed);
        Path parts = scratch.resolve("parts.json");
        Files.writeString(parts, "{\"Parts\": [{\"PartNumber\": 1, \"ETag\": " + etag1 + "}, {\"PartNumber\": 2, \"ETag\": "
                + etag2 + "}]}");
        s3.aws(RUN_MS, "s3api", "complete-multipart-upload", "--bucket", "mem", "--key", "across/update", "--upload-id",
                created, "--multipart-upload", "file://" + parts).ok();

        Path down = scratch.resolve("across.bin");
        s3.aws(RUN_MS, "s3", "cp", "--only-show-errors", "s3://mem/across/update", down.toString()).ok();
        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        assertTrue("the object is both parts, byte for byte", Arrays.equals(whole, Files.readAllBytes(down)));
    }

    /** Updates the s3 bundle and waits for its listener to come back on {@code port}. */
    private void updateBundle(int update, int port) throws Exception {
        new DeployedBundle(context, config.home().resolve("deploy"), "manticore-s3", S3_BUNDLE).update(update);
        Await.until("the s3 listener bound again after update " + update, 30_000, () -> boundPort() == port);
    }

    private int boundPort() {
        return listeners.listeners().stream().filter(l -> l.protocol().equals("s3")).mapToInt(l -> l.boundPort())
                .findFirst().orElse(-1);
    }
}

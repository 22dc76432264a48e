package io.manticore.vfs.iouring.internal.ring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class IoUringTest {

    private static final int AT_FDCWD = -100;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0100;
    private static final int ENOENT = 2;
    private static final int ETIME = 62;
    private static final int STATX_SIZE = 0x200;
    private static final long STATX_SIZE_OFFSET = 40;

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final Arena arena = Arena.ofShared();
    private IoUring ring = new IoUring(64, "ring-test");

    @After
    public void close() {
        ring.close();
        arena.close();
    }

    private int await(CompletableFuture<Integer> op) throws Exception {
        return op.get(10, TimeUnit.SECONDS);
    }

    private int open(Path path, int flags) throws Exception {
        MemorySegment name = arena.allocateFrom(path.toString(), StandardCharsets.UTF_8);
        return await(ring.submit(sqe -> sqe.opcode(Opcodes.OPENAT).fd(AT_FDCWD).address(name.address())
                .opFlags(flags).length(0644)));
    }

    @Test
    public void aNopCompletesWithZero() throws Exception {
        assertEquals(0, await(ring.submit(sqe -> sqe.opcode(Opcodes.NOP))));
        assertEquals(0, ring.inFlight());
    }

    @Test
    public void bytesWrittenThroughTheRingReadBackIdenticalAndTheFileSeesThem() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("data.bin");
        int fd = open(file, O_RDWR | O_CREAT);
        assertTrue("openat gave an fd: " + fd, fd >= 0);
        byte[] content = new byte[1024 * 1024 + 1];
        new Random(5).nextBytes(content);
        MemorySegment out = arena.allocate(content.length);
        MemorySegment.copy(content, 0, out, JAVA_BYTE, 0, content.length);

        assertEquals(content.length, await(ring.submit(sqe -> sqe.opcode(Opcodes.WRITE).fd(fd).address(out.address())
                .length(content.length).offset(4096))));
        assertEquals(0, await(ring.submit(sqe -> sqe.opcode(Opcodes.FSYNC).fd(fd).opFlags(Opcodes.FSYNC_DATASYNC))));
        MemorySegment in = arena.allocate(content.length);
        assertEquals(content.length, await(ring.submit(sqe -> sqe.opcode(Opcodes.READ).fd(fd).address(in.address())
                .length(content.length).offset(4096))));
        assertArrayEquals(content, in.toArray(JAVA_BYTE));
        assertEquals("a read past the end reads nothing", 0, await(ring.submit(sqe -> sqe.opcode(Opcodes.READ).fd(fd)
                .address(in.address()).length(10).offset(4096L + content.length))));
        assertEquals(0, await(ring.submit(sqe -> sqe.opcode(Opcodes.CLOSE).fd(fd))));

        byte[] onDisk = Files.readAllBytes(file);
        assertEquals(4096 + content.length, onDisk.length);
        assertArrayEquals(content, Arrays.copyOfRange(onDisk, 4096, onDisk.length));
    }

    @Test
    public void statxThroughTheRingReportsTheSize() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("sized");
        Files.write(file, new byte[12345]);
        MemorySegment name = arena.allocateFrom(file.toString(), StandardCharsets.UTF_8);
        MemorySegment statx = arena.allocate(256, 8);
        assertEquals(0, await(ring.submit(sqe -> sqe.opcode(Opcodes.STATX).fd(AT_FDCWD).address(name.address())
                .length(STATX_SIZE).offset(statx.address()))));
        assertEquals(12345L, statx.get(JAVA_LONG, STATX_SIZE_OFFSET));
    }

    @Test
    public void aFailedOperationAnswersMinusErrno() throws Exception {
        assertEquals(-ENOENT, open(tmp.getRoot().toPath().resolve("missing/file"), O_RDWR));
    }

    @Test
    public void submissionsFromManyThreadsAllComplete() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        try {
            List<Future<List<CompletableFuture<Integer>>>> batches = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                batches.add(threads.submit(() -> {
                    List<CompletableFuture<Integer>> mine = new ArrayList<>();
                    for (int i = 0; i < 2500; i++) {
                        CompletableFuture<Integer> nop = ring.submit(sqe -> sqe.opcode(Opcodes.NOP));
                        nop.exceptionally(e -> -1).join();
                        mine.add(nop);
                    }
                    return mine;
                }));
            }
            for (var batch : batches) {
                all.addAll(batch.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(10_000, all.size());
        for (CompletableFuture<Integer> nop : all) {
            assertEquals(Integer.valueOf(0), nop.get());
        }
        assertEquals(0, ring.inFlight());
    }

    @Test
    public void aFullRingRefusesAtOnceAndCloseWaitsForWhatIsInFlight() throws Exception {
        ring.close();
        ring = new IoUring(4, "small-ring");
        MemorySegment timespec = arena.allocate(16, 8);
        timespec.set(JAVA_LONG, 8, 300_000_000L); // 300 ms
        List<CompletableFuture<Integer>> timeouts = new ArrayList<>();
        RingException refused = null;
        for (int i = 0; i < 64 && refused == null; i++) {
            CompletableFuture<Integer> timeout = ring.submit(sqe -> sqe.opcode(Opcodes.TIMEOUT).address(timespec.address()).length(1));
            if (timeout.isCompletedExceptionally()) {
                try {
                    timeout.get();
                } catch (ExecutionException e) {
                    refused = (RingException) e.getCause();
                }
            } else {
                timeouts.add(timeout);
            }
        }
        if (refused == null) {
            fail("no submission was refused");
        }
        assertEquals(16, refused.errno());
        assertTrue(timeouts.size() + " in flight", timeouts.size() >= 4);

        ring.close();
        for (CompletableFuture<Integer> timeout : timeouts) {
            assertTrue("completed before close returned", timeout.isDone());
            assertEquals(Integer.valueOf(-ETIME), timeout.get());
        }
    }
}

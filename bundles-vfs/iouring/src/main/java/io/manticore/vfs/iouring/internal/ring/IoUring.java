package io.manticore.vfs.iouring.internal.ring;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One io_uring instance (io_uring_setup(2)): submissions from any thread, serialised on the
 * ring, each answered by a future that a reaper thread of the ring's own completes with the
 * operation's result (a count, a new fd, or -errno). Submitting never waits for the operation;
 * operations in flight are bounded by the completion queue's size, past which a submission
 * fails at once with EBUSY.
 */
public final class IoUring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IoUring.class);

    private static final int PARAMS_SIZE = 120;
    private static final long SQ_OFF = 40;
    private static final long CQ_OFF = 80;
    private static final long IORING_OFF_SQ_RING = 0L;
    private static final long IORING_OFF_CQ_RING = 0x8000000L;
    private static final long IORING_OFF_SQES = 0x10000000L;
    private static final int IORING_FEAT_SINGLE_MMAP = 1;
    private static final int IORING_ENTER_GETEVENTS = 1;
    private static final int CQE_SIZE = 16;
    /** The user_data of the NOP that tells the reaper to stop. */
    private static final long STOP = -1L;
    private static final VarHandle INT = JAVA_INT.varHandle();
    static final long CLOSE_WAIT_MILLIS = 30_000;

    private final int fd;
    private final int sqEntries;
    private final int cqEntries;
    private final MemorySegment sqRing;
    private final MemorySegment cqRing;
    private final MemorySegment sqes;
    private final long sqHead;
    private final long sqTail;
    private final int sqMask;
    private final long sqArray;
    private final long cqHead;
    private final long cqTail;
    private final int cqMask;
    private final long cqes;
    private final ConcurrentHashMap<Long, CompletableFuture<Integer>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong nextUserData = new AtomicLong();
    private final Thread reaper;
    private boolean closed;

    /**
     * Sets up a ring of {@code entries} submission entries (a power of two; the kernel doubles it
     * for completions) and starts its reaper thread, named {@code name}.
     *
     * @throws RingException when the kernel refuses (io_uring disabled, no memory)
     */
    public IoUring(int entries, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = arena.allocate(PARAMS_SIZE, 8);
            long result = Native.syscall(Native.SYS_IO_URING_SETUP, entries, params.address(), 0, 0, 0, 0);
            if (result < 0) {
                throw new RingException("io_uring_setup(" + entries + ") failed", (int) -result);
            }
            fd = (int) result;
            sqEntries = params.get(JAVA_INT, 0);
            cqEntries = params.get(JAVA_INT, 4);
            int features = params.get(JAVA_INT, 20);
            int sqArrayOffset = params.get(JAVA_INT, SQ_OFF + 24);
            long sqRingSize = sqArrayOffset + 4L * sqEntries;
            long cqRingSize = params.get(JAVA_INT, CQ_OFF + 20) + (long) CQE_SIZE * cqEntries;
            boolean single = (features & IORING_FEAT_SINGLE_MMAP) != 0;
            try {
                sqRing = Native.mmap(fd, single ? Math.max(sqRingSize, cqRingSize) : sqRingSize, IORING_OFF_SQ_RING);
                cqRing = single ? sqRing : Native.mmap(fd, cqRingSize, IORING_OFF_CQ_RING);
                sqes = Native.mmap(fd, (long) Sqe.SIZE * sqEntries, IORING_OFF_SQES);
            } catch (RingException e) {
                Native.close(fd);
                throw e;
            }
            sqHead = params.get(JAVA_INT, SQ_OFF);
            sqTail = params.get(JAVA_INT, SQ_OFF + 4);
            sqMask = sqRing.get(JAVA_INT, params.get(JAVA_INT, SQ_OFF + 8));
            sqArray = sqArrayOffset;
            cqHead = params.get(JAVA_INT, CQ_OFF);
            cqTail = params.get(JAVA_INT, CQ_OFF + 4);
            cqMask = cqRing.get(JAVA_INT, params.get(JAVA_INT, CQ_OFF + 8));
            cqes = params.get(JAVA_INT, CQ_OFF + 20);
        }
        reaper = Thread.ofPlatform().name(name).daemon().start(this::reap);
    }

    /** How many submission entries the kernel gave the ring. */
    public int entries() {
        return sqEntries;
    }

    /** Operations submitted and not yet completed. */
    public int inFlight() {
        return inFlight.size();
    }

    /**
     * Submits the operation {@code prepare} fills in; the future completes with its result
     * (negative: -errno) on the ring's reaper thread. Memory the operation points at must stay
     * valid until then. Fails at once with EBUSY when the ring is full or closed.
     */
    public CompletableFuture<Integer> submit(Consumer<Sqe> prepare) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        long userData = nextUserData.getAndIncrement();
        synchronized (this) {
            if (closed || inFlight.size() >= cqEntries) {
                return CompletableFuture.failedFuture(new RingException(closed ? "the ring is closed" : "the ring is full",
                        Native.EBUSY));
            }
            inFlight.put(userData, done);
            RingException refused = push(prepare, userData);
            if (refused != null) {
                inFlight.remove(userData);
                return CompletableFuture.failedFuture(refused);
            }
        }
        return done;
    }

    /** Writes one entry at the tail, publishes it and enters the kernel to submit it; the caller holds the monitor. */
    private RingException push(Consumer<Sqe> prepare, long userData) {
        int tail = sqRing.get(JAVA_INT, sqTail);
        int head = (int) INT.getAcquire(sqRing, sqHead);
        if (tail - head >= sqEntries) {
            return new RingException("the submission queue is full", Native.EBUSY);
        }
        int index = tail & sqMask;
        Sqe sqe = new Sqe(sqes.asSlice((long) index * Sqe.SIZE, Sqe.SIZE));
        prepare.accept(sqe);
        sqe.userData(userData);
        sqRing.set(JAVA_INT, sqArray + 4L * index, index);
        INT.setRelease(sqRing, sqTail, tail + 1);
        // Every entry the kernel has not taken yet, so one left by a failed enter goes with this one.
        int unsubmitted = tail + 1 - (int) INT.getAcquire(sqRing, sqHead);
        long submitted;
        do {
            submitted = Native.syscall(Native.SYS_IO_URING_ENTER, fd, unsubmitted, 0, 0, 0, 0);
        } while (submitted == -Native.EINTR);
        if (submitted < 0) {
            LOG.debug("io_uring_enter submit failed: errno {}; the next submission takes the entry", -submitted);
        }
        return null;
    }

    private void reap() {
        boolean stopAsked = false;
        while (true) {
            long entered = Native.syscall(Native.SYS_IO_URING_ENTER, fd, 0, 1, IORING_ENTER_GETEVENTS, 0, 0);
            if (entered < 0 && entered != -Native.EINTR && entered != -Native.EAGAIN && entered != -Native.EBUSY) {
                LOG.error("io_uring reaper stops: io_uring_enter failed with errno {}", -entered);
                failAll(new RingException("the ring's reaper stopped", (int) -entered));
                return;
            }
            stopAsked |= drain();
            if (stopAsked && inFlight.isEmpty()) {
                return;
            }
        }
    }

    /** Completes every queued completion; true when the stop NOP was among them. */
    private boolean drain() {
        int head = cqRing.get(JAVA_INT, cqHead);
        int tail = (int) INT.getAcquire(cqRing, cqTail);
        boolean stop = false;
        while (head != tail) {
            long entry = cqes + (long) CQE_SIZE * (head & cqMask);
            long userData = cqRing.get(JAVA_LONG, entry);
            int result = cqRing.get(JAVA_INT, entry + 8);
            head++;
            if (userData == STOP) {
                stop = true;
                continue;
            }
            CompletableFuture<Integer> done = inFlight.remove(userData);
            if (done != null) {
                done.complete(result);
            }
        }
        INT.setRelease(cqRing, cqHead, head);
        return stop;
    }

    private void failAll(RingException why) {
        for (Long userData : inFlight.keySet()) {
            CompletableFuture<Integer> done = inFlight.remove(userData);
            if (done != null) {
                done.completeExceptionally(why);
            }
        }
    }

    /**
     * Refuses new submissions, waits for the operations in flight to complete (the kernel may
     * write into their buffers until then), and unmaps the ring. When they take longer than
     * {@link #CLOSE_WAIT_MILLIS}, the ring is left mapped, so no buffer is written after its
     * owner freed it, and that is logged.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            push(sqe -> sqe.opcode(Opcodes.NOP), STOP);
        }
        try {
            reaper.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reaper.isAlive()) {
            LOG.warn("io_uring {}: {} operation(s) still in flight after {} ms; the ring stays open", reaper.getName(),
                    inFlight.size(), CLOSE_WAIT_MILLIS);
            return;
        }
        Native.munmap(sqes);
        if (cqRing != sqRing) {
            Native.munmap(cqRing);
        }
        Native.munmap(sqRing);
        Native.close(fd);
    }
}

package io.manticore.vfs.iouring.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.vfs.iouring.internal.ring.IoUring;
import io.manticore.vfs.iouring.internal.ring.Opcodes;
import io.manticore.vfs.iouring.internal.ring.RingException;
import io.manticore.vfs.linux.internal.sys.Errno;
import io.manticore.vfs.linux.internal.sys.Flags;
import io.manticore.vfs.linux.internal.sys.Libc;
import io.manticore.vfs.linux.internal.sys.Statx;
import io.netty.buffer.ByteBuf;

/**
 * Reads, writes and syncs of open files through io_uring rings, one chosen by the
 * submitting thread so each event loop keeps to a ring. Memory an operation points at lives
 * until its completion.
 */
final class RingIo implements AutoCloseable {

    /** A full ring's refusal: the client is told to retry. */
    private static final int EBUSY = 16;

    private final IoUring[] rings;

    RingIo(int count, int entries, String name) {
        rings = new IoUring[count];
        try {
            for (int i = 0; i < count; i++) {
                rings[i] = new IoUring(entries, name + "-" + i);
            }
        } catch (RingException e) {
            close();
            throw e;
        }
    }

    private IoUring ring() {
        return rings[(int) Math.floorMod(Thread.currentThread().threadId(), (long) rings.length)];
    }

    /** Reads up to {@code length} bytes at {@code offset} into {@code into}'s writable space; the count read. */
    CompletionStage<Integer> read(int fd, ByteBuf into, int length, long offset) {
        long address = address(into, into.writerIndex(), length);
        return check(ring().submit(sqe -> sqe.opcode(Opcodes.READ).fd(fd).address(address).length(length).offset(offset)),
                "read");
    }

    /** Writes every readable byte of {@code data} at {@code offset} (its reference count is left alone); the count written. */
    CompletionStage<Integer> write(int fd, ByteBuf data, long offset) {
        if (data.nioBufferCount() == 1 && data.isDirect()) {
            return writeFully(fd, address(data, data.readerIndex(), data.readableBytes()), data.readableBytes(), offset, 0);
        }
        // A heap or composite buffer is copied once into native memory that lives until the write completes.
        Arena arena = Arena.ofShared();
        MemorySegment copy = arena.allocate(Math.max(1, data.readableBytes()));
        long at = 0;
        for (ByteBuffer part : data.nioBuffers()) {
            MemorySegment.copy(MemorySegment.ofBuffer(part), 0, copy, at, part.remaining());
            at += part.remaining();
        }
        return writeFully(fd, copy.address(), data.readableBytes(), offset, 0).whenComplete((n, e) -> arena.close());
    }

    private CompletionStage<Integer> writeFully(int fd, long address, int length, long offset, int done) {
        if (done == length) {
            return CompletableFuture.completedFuture(done);
        }
        return check(ring().submit(sqe -> sqe.opcode(Opcodes.WRITE).fd(fd).address(address + done).length(length - done)
                .offset(offset + done)), "write")
                .thenCompose(n -> n == 0 ? CompletableFuture.completedFuture(done) : writeFully(fd, address, length, offset, done + n));
    }

    CompletionStage<Integer> fsync(int fd, boolean dataOnly) {
        return check(ring().submit(sqe -> sqe.opcode(Opcodes.FSYNC).fd(fd).opFlags(dataOnly ? Opcodes.FSYNC_DATASYNC : 0)),
                "fsync");
    }

    /**
     * The attributes of the open file {@code fd}: statx(2) on the calling thread rather than
     * through the ring, since on an open descriptor it reads the inode in memory and returns at
     * once, and a ring round trip costs more.
     */
    CompletionStage<Attrs> stat(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(Statx.SIZE, 8);
            int result = Libc.statx(fd, arena.allocate(1), Flags.AT_EMPTY_PATH | Flags.AT_SYMLINK_NOFOLLOW, Statx.WANTED, out);
            if (result < 0) {
                return CompletableFuture.failedFuture(new VfsException(Errno.toVfs(-result), "statx: errno " + -result));
            }
            return CompletableFuture.completedFuture(Statx.read(out));
        }
    }

    /** The native address of {@code length} bytes of {@code buffer} from {@code index}. */
    private static long address(ByteBuf buffer, int index, int length) {
        if (buffer.hasMemoryAddress()) {
            return buffer.memoryAddress() + index;
        }
        return MemorySegment.ofBuffer(buffer.internalNioBuffer(index, length)).address();
    }

    /** The result of a ring operation, or its -errno as a VfsException (a full ring: DELAY, so the client retries). */
    private static CompletionStage<Integer> check(CompletableFuture<Integer> op, String what) {
        return op.handle((n, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                int errno = cause instanceof RingException ring ? ring.errno() : Errno.EIO;
                throw new VfsException(errno == EBUSY ? VfsError.DELAY : Errno.toVfs(errno),
                        what + " through io_uring: " + cause.getMessage());
            }
            if (n < 0) {
                throw new VfsException(Errno.toVfs(-n), what + " through io_uring: errno " + -n);
            }
            return n;
        });
    }

    int rings() {
        return rings.length;
    }

    @Override
    public void close() {
        for (IoUring ring : rings) {
            if (ring != null) {
                ring.close();
            }
        }
    }
}

package io.manticore.vfs.memfs.internal;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * The unit of storage: pooled direct buffers of 64 KiB, except the first block of a file of at
 * most 64 KiB, which is "short": the smallest power of two from 4 KiB that holds the file. One
 * shared block of zeros is what holes read from.
 */
final class Blocks {

    static final int SHIFT = 16;
    static final int SIZE = 1 << SHIFT;
    /** The smallest block; every capacity, and so all accounted space, is a multiple of it. */
    static final int MIN_SIZE = 4096;

    /** The largest file size: {@link Long#MAX_VALUE} rounded down to a whole block. */
    static final long MAX_FILE_SIZE = Long.MAX_VALUE & ~(long) (SIZE - 1);

    // Never released and read-only: slices of it may be released any number of times.
    private static final ByteBuf ZEROS =
            Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(SIZE)).asReadOnly());

    private Blocks() {
    }

    /**
     * The capacity block {@code index} has in a file of {@code fileSize} bytes: a full block, but
     * for the first block of a file no larger than one block the smallest power of two, at least
     * {@link #MIN_SIZE}, that holds the file.
     */
    static int capacity(long index, long fileSize) {
        if (index > 0 || fileSize >= SIZE) {
            return SIZE;
        }
        if (fileSize <= MIN_SIZE) {
            return MIN_SIZE;
        }
        return Integer.highestOneBit((int) fileSize - 1) << 1;
    }

    /** A new block of {@code capacity} bytes filled with zeros. */
    static ByteBuf allocate(int capacity) {
        ByteBuf block = allocateUnzeroed(capacity);
        block.setZero(0, capacity);
        return block;
    }

    /** A new block whose content is undefined (pooled memory is reused): the caller overwrites or zeroes all of it. */
    static ByteBuf allocateUnzeroed(int capacity) {
        ByteBuf block = PooledByteBufAllocator.DEFAULT.directBuffer(capacity, capacity);
        block.writerIndex(capacity);
        return block;
    }

    /** A private copy of {@code block}, for copy-on-write. */
    static ByteBuf copyOf(ByteBuf block) {
        return resized(block, block.capacity(), block.capacity());
    }

    /** A new block of {@code capacity} bytes holding the first {@code keep} bytes of {@code block}, zeros after them. */
    static ByteBuf resized(ByteBuf block, int capacity, int keep) {
        ByteBuf copy = allocateUnzeroed(capacity);
        copy.setBytes(0, block, 0, keep);
        copy.setZero(keep, capacity - keep);
        return copy;
    }

    /** {@code length} zeros at {@code offset} of the shared zero block; releasing it is harmless. */
    static ByteBuf zeros(int offset, int length) {
        return ZEROS.retainedSlice(offset, length);
    }

    static long index(long offset) {
        return offset >>> SHIFT;
    }

    static int within(long offset) {
        return (int) (offset & (SIZE - 1));
    }

    static long start(long index) {
        return index << SHIFT;
    }

    /** The number of blocks needed to hold {@code size} bytes. */
    static long count(long size) {
        return (size + SIZE - 1) >>> SHIFT;
    }
}

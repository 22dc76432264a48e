package io.manticore.vfs.memfs.internal;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;

/** The unit of storage: 64 KiB pooled direct buffers, and one shared block of zeros that holes read from. */
final class Blocks {

    static final int SHIFT = 16;
    static final int SIZE = 1 << SHIFT;

    /** The largest file size: {@link Long#MAX_VALUE} rounded down to a whole block. */
    static final long MAX_FILE_SIZE = Long.MAX_VALUE & ~(long) (SIZE - 1);

    // Never released and read-only: slices of it may be released any number of times.
    private static final ByteBuf ZEROS =
            Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(SIZE)).asReadOnly());

    private Blocks() {
    }

    /** A new block filled with zeros. */
    static ByteBuf allocate() {
        ByteBuf block = allocateUnzeroed();
        block.setZero(0, SIZE);
        return block;
    }

    /** A new block whose content is undefined (pooled memory is reused): the caller overwrites or zeroes all of it. */
    static ByteBuf allocateUnzeroed() {
        ByteBuf block = PooledByteBufAllocator.DEFAULT.directBuffer(SIZE, SIZE);
        block.writerIndex(SIZE);
        return block;
    }

    /** A private copy of {@code block}, for copy-on-write. */
    static ByteBuf copyOf(ByteBuf block) {
        ByteBuf copy = PooledByteBufAllocator.DEFAULT.directBuffer(SIZE, SIZE);
        copy.writeBytes(block, 0, SIZE);
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

package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.Blocks.SIZE;
import static io.manticore.vfs.memfs.internal.Blocks.index;
import static io.manticore.vfs.memfs.internal.Blocks.start;
import static io.manticore.vfs.memfs.internal.Blocks.within;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The data of a regular file: its size and a sparse map from block index to block; a missing
 * block is a hole. Invariants: no block lies wholly past the size, and the bytes of the last
 * block past the size are zero.
 *
 * <p>Readers hold retained slices of blocks, so a block whose reference count is above one is
 * never written: it is first replaced by a private copy (copy-on-write). Callers check space
 * with {@link SpaceAccount#ensure} before a change; the map keeps the account exact.
 */
final class BlockMap {

    private final TreeMap<Long, ByteBuf> blocks;
    private final SpaceAccount space;
    private long size;

    BlockMap(SpaceAccount space) {
        this(space, new TreeMap<>(), 0);
    }

    /** A map adopting {@code blocks} (ownership passes to it). */
    BlockMap(SpaceAccount space, TreeMap<Long, ByteBuf> blocks, long size) {
        this.space = space;
        this.blocks = blocks;
        this.size = size;
        space.add(blocks.size());
    }

    long size() {
        return size;
    }

    int blockCount() {
        return blocks.size();
    }

    /** Gives up every block for a handover: the returned map owns them, this one is left empty. */
    NavigableMap<Long, ByteBuf> handOver() {
        TreeMap<Long, ByteBuf> out = new TreeMap<>(blocks);
        space.add(-blocks.size());
        blocks.clear();
        return out;
    }

    /** The number of blocks that a write to {@code [offset, end)} would add. */
    long missingBlocks(long offset, long end) {
        if (end <= offset) {
            return 0;
        }
        long first = index(offset);
        long last = index(end - 1);
        return (last - first + 1) - blocks.subMap(first, true, last, true).size();
    }

    /**
     * {@code length} bytes at {@code offset}, which must lie within the size: one retained slice
     * when the range is inside one block, else a composite of retained slices. The caller owns it.
     */
    ByteBuf read(long offset, int length) {
        long first = index(offset);
        long last = index(offset + length - 1);
        if (first == last) {
            return slice(first, within(offset), length);
        }
        int parts = (int) (last - first + 1);
        CompositeByteBuf composite = PooledByteBufAllocator.DEFAULT.compositeDirectBuffer(parts);
        long position = offset;
        int remaining = length;
        while (remaining > 0) {
            int from = within(position);
            int n = Math.min(SIZE - from, remaining);
            composite.addComponent(true, slice(index(position), from, n));
            position += n;
            remaining -= n;
        }
        return composite;
    }

    private ByteBuf slice(long index, int from, int length) {
        ByteBuf block = blocks.get(index);
        return block == null ? Blocks.zeros(from, length) : block.retainedSlice(from, length);
    }

    /** Writes the readable bytes of {@code data} at {@code offset}; leaves {@code data} as it was. */
    void write(long offset, ByteBuf data) {
        int from = data.readerIndex();
        int remaining = data.readableBytes();
        long position = offset;
        while (remaining > 0) {
            int within = within(position);
            int n = Math.min(SIZE - within, remaining);
            writableFor(index(position), within, n).setBytes(within, data, from, n);
            from += n;
            position += n;
            remaining -= n;
        }
        size = Math.max(size, position);
    }

    /** Truncates (freeing whole blocks past the end, zeroing the tail of the last) or extends with a hole. */
    void resize(long newSize) {
        if (newSize < size) {
            long keep = Blocks.count(newSize);
            releaseFrom(keep);
            int tail = within(newSize);
            if (tail != 0 && blocks.containsKey(keep - 1)) {
                writable(keep - 1).setZero(tail, SIZE - tail);
            }
        }
        size = newSize;
    }

    /** Gives every hole in {@code [offset, end)} a zeroed block and extends the size to {@code end}. */
    void materialize(long offset, long end) {
        for (long index = index(offset); index <= index(end - 1); index++) {
            if (!blocks.containsKey(index)) {
                put(index, Blocks.allocate());
            }
        }
        size = Math.max(size, end);
    }

    /** Makes {@code [offset, end)} a hole: whole blocks are freed, parts of blocks zeroed; the size stays. */
    void punch(long offset, long end) {
        long stop = Math.min(end, size);
        if (stop <= offset) {
            return;
        }
        List<Long> touched = new ArrayList<>(blocks.subMap(index(offset), true, index(stop - 1), true).keySet());
        for (long index : touched) {
            long blockStart = start(index);
            int from = (int) (Math.max(offset, blockStart) - blockStart);
            int to = (int) (Math.min(stop, blockStart + SIZE) - blockStart);
            if (from == 0 && (to == SIZE || blockStart + to >= size)) {
                blocks.remove(index).release();
                space.add(-1);
            } else {
                writable(index).setZero(from, to - from);
            }
        }
    }

    /** The first offset at or after {@code offset} inside a block, or -1 when there is none before the size. */
    long nextData(long offset) {
        Long index = blocks.ceilingKey(index(offset));
        if (index == null) {
            return -1;
        }
        long position = Math.max(offset, start(index));
        return position < size ? position : -1;
    }

    /** The first offset at or after {@code offset} in a hole; the size counts as one. */
    long nextHole(long offset) {
        long index = index(offset);
        for (long present : blocks.tailMap(index, true).keySet()) {
            if (present != index) {
                break;
            }
            index++;
        }
        return Math.min(Math.max(offset, start(index)), size);
    }

    /**
     * The net number of blocks {@link #copyFrom} would add; call it first, with the same arguments,
     * to check the space.
     */
    long copyGrowth(BlockMap source, long sourceOffset, long offset, long length) {
        long growth = 0;
        long sourceSize = source.size;
        long sizeBefore = size;
        for (long done = 0; done < length; ) {
            long position = offset + done;
            long sourcePosition = sourceOffset + done;
            int n = (int) Math.min(SIZE - within(position), length - done);
            boolean present = blocks.containsKey(index(position));
            if (shareable(source, sourcePosition, position, n, sourceSize, sizeBefore)) {
                growth += (source.blocks.containsKey(index(sourcePosition)) ? 1 : 0) - (present ? 1 : 0);
            } else if (!present && !skippable(source, sourcePosition, n)) {
                growth++;
            }
            done += n;
        }
        return growth;
    }

    /**
     * Copies {@code length} bytes of {@code source} at {@code sourceOffset} to {@code offset}: a
     * chunk covering a whole block of both (or the source's last block, when nothing follows in
     * this file) shares the source's block, the rest is copied byte by byte. The ranges must not
     * overlap when {@code source} is this map.
     */
    void copyFrom(BlockMap source, long sourceOffset, long offset, long length) {
        long sourceSize = source.size;
        long sizeBefore = size;
        for (long done = 0; done < length; ) {
            long position = offset + done;
            long sourcePosition = sourceOffset + done;
            int n = (int) Math.min(SIZE - within(position), length - done);
            long index = index(position);
            if (shareable(source, sourcePosition, position, n, sourceSize, sizeBefore)) {
                ByteBuf shared = source.blocks.get(index(sourcePosition));
                if (shared != null) {
                    shared.retain(); // before releasing the old block, which may be this very buffer
                }
                ByteBuf old = shared == null ? blocks.remove(index) : blocks.put(index, shared);
                if (old != null) {
                    old.release();
                }
                space.add((shared == null ? 0 : 1) - (old == null ? 0 : 1));
            } else if (blocks.containsKey(index) || !skippable(source, sourcePosition, n)) {
                source.copyBytes(sourcePosition, writable(index), within(position), n);
            }
            done += n;
        }
        size = Math.max(size, offset + length);
    }

    // A partial last block is shared only between different files: within one file an earlier chunk may have written its tail.
    private boolean shareable(BlockMap source, long sourcePosition, long position, int n, long sourceSize, long sizeBefore) {
        if (within(sourcePosition) != 0 || within(position) != 0) {
            return false;
        }
        return n == SIZE || (source != this && sourcePosition + n >= sourceSize && position + n >= sizeBefore);
    }

    // Within one file a hole may be filled by an earlier chunk, so holes are skipped only between files.
    private boolean skippable(BlockMap source, long sourcePosition, int n) {
        return source != this && source.isHole(sourcePosition, n);
    }

    private boolean isHole(long offset, int length) {
        return blocks.subMap(index(offset), true, index(offset + length - 1), true).isEmpty();
    }

    private void copyBytes(long offset, ByteBuf target, int targetIndex, int length) {
        long position = offset;
        int at = targetIndex;
        int remaining = length;
        while (remaining > 0) {
            int from = within(position);
            int n = Math.min(SIZE - from, remaining);
            ByteBuf block = blocks.get(index(position));
            if (block == null) {
                target.setZero(at, n);
            } else {
                target.setBytes(at, block, from, n);
            }
            position += n;
            at += n;
            remaining -= n;
        }
    }

    /** Releases every block. */
    void releaseAll() {
        releaseFrom(0);
    }

    private void releaseFrom(long firstIndex) {
        NavigableMap<Long, ByteBuf> tail = blocks.tailMap(firstIndex, true);
        space.add(-tail.size());
        for (ByteBuf block : tail.values()) {
            block.release();
        }
        tail.clear();
    }

    // Copy-on-write: a block someone else still holds (a reader's slice, a clone) is replaced before it is written.
    private ByteBuf writable(long index) {
        ByteBuf block = blocks.get(index);
        if (block == null) {
            block = Blocks.allocate();
            put(index, block);
        } else if (block.refCnt() > 1) {
            ByteBuf copy = Blocks.copyOf(block);
            blocks.put(index, copy);
            block.release();
            block = copy;
        }
        return block;
    }

    /**
     * The block at {@code index} about to be written at {@code [within, within + n)}: a new block
     * is zeroed only outside that range, so a whole-block write never zeroes first.
     */
    private ByteBuf writableFor(long index, int within, int n) {
        if (blocks.get(index) != null) {
            return writable(index);
        }
        ByteBuf block = Blocks.allocateUnzeroed();
        block.setZero(0, within);
        block.setZero(within + n, SIZE - within - n);
        put(index, block);
        return block;
    }

    private void put(long index, ByteBuf block) {
        blocks.put(index, block);
        space.add(1);
    }
}

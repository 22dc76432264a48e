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
 * block is a hole. Invariants: no block lies wholly past the size; the bytes of the last block
 * past the size are zero; every block has the capacity {@link Blocks#capacity} gives for its
 * index and the size, so only the first block of a file of at most one block is short, and it
 * holds the whole file.
 *
 * <p>Readers hold retained slices of blocks, so a block whose reference count is above one is
 * never written: it is first replaced by a private copy (copy-on-write). A block changes capacity
 * only by being replaced with a new buffer, so a reader's slice never sees that either. Callers
 * check space with {@link SpaceAccount#ensure} before a change (the growth methods say how
 * much); the map keeps the account exact.
 */
final class BlockMap {

    private final TreeMap<Long, ByteBuf> blocks;
    private final SpaceAccount space;
    private long size;
    /** The capacity of the blocks held, in bytes: what this file charges to the account. */
    private long heldBytes;

    BlockMap(SpaceAccount space) {
        this(space, new TreeMap<>(), 0);
    }

    /**
     * A map adopting {@code blocks} (ownership passes to it). Its first block may be a full one
     * where the size calls for a short one, until {@link #fitFirstBlock}.
     */
    BlockMap(SpaceAccount space, TreeMap<Long, ByteBuf> blocks, long size) {
        this.space = space;
        this.blocks = blocks;
        this.size = size;
        long held = 0;
        for (ByteBuf block : blocks.values()) {
            held += block.capacity();
        }
        account(held);
    }

    long size() {
        return size;
    }

    /** The capacity of every block the file holds, in bytes. */
    long heldBytes() {
        return heldBytes;
    }

    /** Gives up every block for a handover: the returned map owns them, this one is left empty. */
    NavigableMap<Long, ByteBuf> handOver() {
        TreeMap<Long, ByteBuf> out = new TreeMap<>(blocks);
        account(-heldBytes);
        blocks.clear();
        return out;
    }

    /** Gives the first block the capacity the size calls for (a full block adopted from an older format shrinks). */
    void fitFirstBlock() {
        fitFirst(size);
    }

    /** The bytes of space a write or an allocation of {@code [offset, end)} would add. */
    long growth(long offset, long end) {
        if (end <= offset) {
            return 0;
        }
        long newSize = Math.max(size, end);
        long first = index(offset);
        long last = index(end - 1);
        long missing = (last - first + 1) - blocks.subMap(first, true, last, true).size();
        long growth = firstGrowth(newSize) + missing * SIZE;
        if (first == 0 && !blocks.containsKey(0L)) {
            growth -= SIZE - Blocks.capacity(0, newSize);
        }
        return growth;
    }

    /** The bytes of space {@link #resize} to {@code newSize} would add: only a short first block grows. */
    long resizeGrowth(long newSize) {
        return newSize > size ? firstGrowth(newSize) : 0;
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
        long newSize = Math.max(size, offset + remaining);
        fitFirst(newSize);
        long position = offset;
        while (remaining > 0) {
            int within = within(position);
            int n = Math.min(SIZE - within, remaining);
            writableFor(index(position), within, n, newSize).setBytes(within, data, from, n);
            from += n;
            position += n;
            remaining -= n;
        }
        size = newSize;
    }

    /**
     * Truncates (freeing whole blocks past the end, zeroing the tail of the last, shrinking a short
     * first block to what the new size calls for) or extends with a hole (growing a short first block).
     */
    void resize(long newSize) {
        if (newSize < size) {
            long keep = Blocks.count(newSize);
            releaseFrom(keep);
            int tail = within(newSize);
            ByteBuf last = blocks.get(keep - 1);
            // a first block that changes capacity is copied up to the new size only, which zeroes its tail
            if (!fitFirst(newSize) && tail != 0 && last != null) {
                writable(keep - 1).setZero(tail, last.capacity() - tail);
            }
        } else {
            fitFirst(newSize);
        }
        size = newSize;
    }

    /** Gives every hole in {@code [offset, end)} a zeroed block and extends the size to {@code end}. */
    void materialize(long offset, long end) {
        long newSize = Math.max(size, end);
        fitFirst(newSize);
        for (long index = index(offset); index <= index(end - 1); index++) {
            if (!blocks.containsKey(index)) {
                put(index, Blocks.allocate(Blocks.capacity(index, newSize)));
            }
        }
        size = newSize;
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
                ByteBuf removed = blocks.remove(index);
                account(-removed.capacity());
                removed.release();
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
     * The net bytes of space {@link #copyFrom} would add; call it first, with the same arguments,
     * to check the space.
     */
    long copyGrowth(BlockMap source, long sourceOffset, long offset, long length) {
        long sourceSize = source.size;
        long sizeBefore = size;
        long newSize = Math.max(size, offset + length);
        long growth = firstGrowth(newSize);
        for (long done = 0; done < length; ) {
            long position = offset + done;
            long sourcePosition = sourceOffset + done;
            int n = (int) Math.min(SIZE - within(position), length - done);
            long index = index(position);
            int capacity = Blocks.capacity(index, newSize);
            long present = blocks.containsKey(index) ? capacity : 0;
            if (shareable(source, sourcePosition, position, n, sourceSize, sizeBefore, capacity)) {
                growth += (source.blocks.containsKey(index(sourcePosition)) ? capacity : 0) - present;
            } else if (present == 0 && !skippable(source, sourcePosition, n)) {
                growth += capacity;
            }
            done += n;
        }
        return growth;
    }

    /**
     * Copies {@code length} bytes of {@code source} at {@code sourceOffset} to {@code offset}: a
     * chunk covering a whole block of both (or the source's last block, when nothing follows in
     * this file) shares the source's block when it has the capacity this file needs there, the rest
     * is copied byte by byte. The ranges must not overlap when {@code source} is this map.
     */
    void copyFrom(BlockMap source, long sourceOffset, long offset, long length) {
        long sourceSize = source.size;
        long sizeBefore = size;
        long newSize = Math.max(size, offset + length);
        fitFirst(newSize);
        for (long done = 0; done < length; ) {
            long position = offset + done;
            long sourcePosition = sourceOffset + done;
            int n = (int) Math.min(SIZE - within(position), length - done);
            long index = index(position);
            int capacity = Blocks.capacity(index, newSize);
            if (shareable(source, sourcePosition, position, n, sourceSize, sizeBefore, capacity)) {
                ByteBuf shared = source.blocks.get(index(sourcePosition));
                if (shared != null) {
                    shared.retain(); // before releasing the old block, which may be this very buffer
                }
                ByteBuf old = shared == null ? blocks.remove(index) : blocks.put(index, shared);
                account((shared == null ? 0 : capacity) - (old == null ? 0 : old.capacity()));
                if (old != null) {
                    old.release();
                }
            } else if (blocks.containsKey(index)) {
                source.copyBytes(sourcePosition, writable(index), within(position), n);
            } else if (!skippable(source, sourcePosition, n)) {
                ByteBuf block = Blocks.allocate(capacity);
                put(index, block);
                source.copyBytes(sourcePosition, block, within(position), n);
            }
            done += n;
        }
        size = newSize;
    }

    /*
     * A partial last block is shared only between different files: within one file an earlier chunk
     * may have written its tail. A source block is shared only into a place that needs its capacity.
     */
    private boolean shareable(BlockMap source, long sourcePosition, long position, int n, long sourceSize,
                              long sizeBefore, int capacity) {
        if (within(sourcePosition) != 0 || within(position) != 0
                || Blocks.capacity(index(sourcePosition), sourceSize) != capacity) {
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
        long freed = 0;
        for (ByteBuf block : tail.values()) {
            freed += block.capacity();
            block.release();
        }
        tail.clear();
        account(-freed);
    }

    /** The bytes of space the first block gains (or loses) when the size becomes {@code newSize}. */
    private long firstGrowth(long newSize) {
        ByteBuf first = blocks.get(0L);
        return first == null ? 0 : Blocks.capacity(0, newSize) - first.capacity();
    }

    /**
     * Gives the first block, if any, the capacity a size of {@code newSize} calls for, in a new buffer
     * holding the bytes below both sizes; true when it was replaced. Doubling capacities make a file
     * written in small appends copy its first block only a logarithmic number of times.
     */
    private boolean fitFirst(long newSize) {
        ByteBuf first = blocks.get(0L);
        if (first == null) {
            return false;
        }
        int capacity = Blocks.capacity(0, newSize);
        if (capacity == first.capacity()) {
            return false;
        }
        int keep = (int) Math.min(Math.min(size, newSize), Math.min(capacity, first.capacity()));
        blocks.put(0L, Blocks.resized(first, capacity, keep));
        account(capacity - first.capacity());
        first.release();
        return true;
    }

    // Copy-on-write: a block someone else still holds (a reader's slice, a clone) is replaced before it is written.
    private ByteBuf writable(long index) {
        ByteBuf block = blocks.get(index);
        if (block.refCnt() > 1) {
            ByteBuf copy = Blocks.copyOf(block);
            blocks.put(index, copy);
            block.release();
            block = copy;
        }
        return block;
    }

    /**
     * The block at {@code index} about to be written at {@code [within, within + n)} in a file of
     * {@code newSize} bytes: a new block is zeroed only outside that range, so a whole-block write
     * never zeroes first.
     */
    private ByteBuf writableFor(long index, int within, int n, long newSize) {
        if (blocks.get(index) != null) {
            return writable(index);
        }
        int capacity = Blocks.capacity(index, newSize);
        ByteBuf block = Blocks.allocateUnzeroed(capacity);
        block.setZero(0, within);
        block.setZero(within + n, capacity - within - n);
        put(index, block);
        return block;
    }

    private void put(long index, ByteBuf block) {
        blocks.put(index, block);
        account(block.capacity());
    }

    private void account(long bytes) {
        heldBytes += bytes;
        space.add(bytes);
    }
}

package io.manticore.vfs.memfs.internal;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * Bytes of block capacity in use against the mount's limit. Every capacity is a multiple of
 * {@link Blocks#MIN_SIZE} (4 KiB), and so is the limit, so a small file costs what its short block
 * holds. A block counts once for every file that holds it, so a block shared by a clone costs
 * space in both files and copy-on-write never needs more.
 */
final class SpaceAccount {

    private final long limitBytes;
    private long usedBytes;

    /** An account of {@code limitBytes}, rounded down to a multiple of {@link Blocks#MIN_SIZE}. */
    SpaceAccount(long limitBytes) {
        this.limitBytes = limitBytes & -Blocks.MIN_SIZE;
    }

    /** Fails NOSPC when {@code moreBytes} more would exceed the limit; changes nothing. */
    void ensure(long moreBytes) {
        if (moreBytes > 0 && moreBytes > limitBytes - usedBytes) {
            throw new VfsException(VfsError.NOSPC, "memfs is full: " + moreBytes + " more bytes needed, "
                    + freeBytes() + " free");
        }
    }

    void add(long bytes) {
        usedBytes += bytes;
    }

    long limitBytes() {
        return limitBytes;
    }

    long usedBytes() {
        return usedBytes;
    }

    long freeBytes() {
        return Math.max(0, limitBytes - usedBytes);
    }
}

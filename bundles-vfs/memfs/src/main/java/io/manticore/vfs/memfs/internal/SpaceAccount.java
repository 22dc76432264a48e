package io.manticore.vfs.memfs.internal;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * Blocks in use against the mount's limit. A block counts once for every file that holds it,
 * so a block shared by a clone costs space in both files and copy-on-write never needs more.
 */
final class SpaceAccount {

    private final long limitBlocks;
    private long usedBlocks;

    SpaceAccount(long limitBlocks) {
        this.limitBlocks = limitBlocks;
    }

    /** Fails NOSPC when {@code moreBlocks} more would exceed the limit; changes nothing. */
    void ensure(long moreBlocks) {
        if (moreBlocks > 0 && moreBlocks > limitBlocks - usedBlocks) {
            throw new VfsException(VfsError.NOSPC, "memfs is full: " + moreBlocks + " more blocks needed, "
                    + Math.max(0, limitBlocks - usedBlocks) + " free");
        }
    }

    void add(long blocks) {
        usedBlocks += blocks;
    }

    long limitBytes() {
        return limitBlocks * Blocks.SIZE;
    }

    long usedBytes() {
        return usedBlocks * Blocks.SIZE;
    }

    long freeBytes() {
        return Math.max(0, limitBytes() - usedBytes());
    }
}

package io.manticore.core.internal.lease;

import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.api.vfs.FileHandle;

/** A held lock on the bytes {@code first..last} (unsigned, inclusive). */
record Held(LockOwner owner, long first, long last, boolean exclusive) {

    static Held of(LockOwner owner, LockRange range, boolean exclusive) {
        return new Held(owner, range.offset(), range.last(), exclusive);
    }

    boolean overlaps(long from, long to) {
        return Long.compareUnsigned(first, to) <= 0 && Long.compareUnsigned(from, last) <= 0;
    }

    /** True when the bytes {@code from..to} touch this lock without overlapping it. */
    boolean adjoins(long from, long to) {
        return (last != LockRange.MAX_OFFSET && last + 1 == from) || (to != LockRange.MAX_OFFSET && to + 1 == first);
    }

    boolean conflictsWith(LockOwner other, long from, long to, boolean wantExclusive) {
        return (exclusive || wantExclusive) && overlaps(from, to) && !owner.equals(other);
    }

    Held withRange(long from, long to) {
        return new Held(owner, from, to, exclusive);
    }

    LockInfo info(FileHandle file) {
        return new LockInfo(file, owner, LockRange.between(first, last), exclusive, false);
    }
}

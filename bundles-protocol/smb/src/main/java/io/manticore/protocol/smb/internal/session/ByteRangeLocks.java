package io.manticore.protocol.smb.internal.session;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;

/**
 * An open's byte-range locks as Windows keeps them (MS-FSA 2.1.5.7, 2.1.5.8): they stack (one open
 * may hold several locks on one range, a shared one over its own exclusive one), and an unlock
 * names one held lock exactly. Core's lease manager merges and splits an owner's locks as POSIX
 * does, so each lock is held there under an owner of its own: the open's owner id followed by a
 * counter. A lock the lease manager did not take (zero length, or stacked over this open's own
 * exclusive lock) is kept here only.
 */
public final class ByteRangeLocks {

    private final LockOwner openOwner;
    private final List<Held> held = new ArrayList<>();
    private long next;

    public ByteRangeLocks(LockOwner openOwner) {
        this.openOwner = openOwner;
    }

    /** A new owner for one lock of this open. */
    public synchronized LockOwner newOwner() {
        byte[] id = openOwner.id();
        byte[] own = Arrays.copyOf(id, id.length + Long.BYTES);
        ByteBuffer.wrap(own, id.length, Long.BYTES).putLong(next++);
        return LockOwner.of(openOwner.protocol(), openOwner.clientId(), own);
    }

    /** True when {@code owner} holds one of this open's locks. */
    public boolean owns(LockOwner owner) {
        byte[] mine = openOwner.id();
        byte[] id = owner.id();
        return owner.protocol().equals(openOwner.protocol()) && owner.clientId().equals(openOwner.clientId())
                && id.length == mine.length + Long.BYTES && Arrays.equals(id, 0, mine.length, mine, 0, mine.length);
    }

    public synchronized void add(Held lock) {
        held.add(lock);
    }

    /**
     * Removes a lock on exactly this range, an exclusive one first (MS-FSA 2.1.5.9), or returns null
     * when there is none.
     */
    public synchronized Held removeExact(long offset, long length) {
        int found = -1;
        for (int i = 0; i < held.size(); i++) {
            Held h = held.get(i);
            if (h.offset == offset && h.length == length) {
                found = i;
                if (h.exclusive) {
                    break;
                }
            }
        }
        return found < 0 ? null : held.remove(found);
    }

    /** Removes and returns every lock (CLOSE). */
    public synchronized List<Held> removeAll() {
        List<Held> all = List.copyOf(held);
        held.clear();
        return all;
    }

    /**
     * True when {@code lock} and the range share a byte, as MS-FSA 2.1.4.10 computes it: the {0, 0}
     * range overlaps nothing, and a zero-length range at o overlaps a lock holding both o - 1 and o.
     */
    public static boolean overlaps(LockInfo lock, long offset, long length) {
        if (offset == 0 && length == 0) {
            return false;
        }
        long start = lock.range().offset();
        long last = lock.range().length() == 0 ? -1L : start + lock.range().length() - 1;
        long requestLast = offset + length - 1;
        return Long.compareUnsigned(offset, last) <= 0 && Long.compareUnsigned(requestLast, start) >= 0;
    }

    /** One lock; {@code owner} is its owner in the lease manager, or null when it is kept here only. */
    public record Held(long offset, long length, boolean exclusive, LockOwner owner) {
    }
}

package io.manticore.core.internal.lease;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.vfs.FileHandle;

/**
 * The locks held on one file, by owner, and the requests waiting for them in arrival order.
 * Not thread-safe: callers hold its monitor. Once removed from the manager's table (when empty)
 * it is never used again.
 */
final class FileLocks extends PerFile.State {

    private static final Comparator<Held> BY_RANGE = Comparator.comparing(Held::first, Long::compareUnsigned)
            .thenComparing(Held::last, Long::compareUnsigned);

    private final Map<LockOwner, List<Held>> held = new LinkedHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();

    FileLocks(FileHandle file) {
        super(file);
    }

    FileHandle file() {
        return file;
    }

    /** The held lock with the lowest offset that {@code wanted} conflicts with, or null. */
    Held conflict(Held wanted) {
        Held lowest = null;
        for (List<Held> locks : held.values()) {
            for (Held lock : locks) {
                if (lock.conflictsWith(wanted.owner(), wanted.first(), wanted.last(), wanted.exclusive())
                        && (lowest == null || BY_RANGE.compare(lock, lowest) < 0)) {
                    lowest = lock;
                }
            }
        }
        return lowest;
    }

    /** The owners of the held locks {@code wanted} conflicts with. */
    Set<LockOwner> blockers(Held wanted) {
        Set<LockOwner> owners = new HashSet<>();
        held.forEach((owner, locks) -> {
            for (Held lock : locks) {
                if (lock.conflictsWith(wanted.owner(), wanted.first(), wanted.last(), wanted.exclusive())) {
                    owners.add(owner);
                    break;
                }
            }
        });
        return owners;
    }

    List<Held> heldBy(LockOwner owner) {
        return held.getOrDefault(owner, List.of());
    }

    /** Replaces {@code owner}'s locks with {@code locks}. */
    void replace(LockOwner owner, List<Held> locks) {
        if (locks.isEmpty()) {
            held.remove(owner);
        } else {
            held.put(owner, locks);
        }
    }

    List<LockOwner> owners() {
        return new ArrayList<>(held.keySet());
    }

    /** The waiting requests in arrival order (a copy). */
    List<Waiter> waiters() {
        return new ArrayList<>(waiters);
    }

    boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    int waiterCount() {
        return waiters.size();
    }

    /** The waiting request identical to {@code wanted}, or null. */
    Waiter waiter(Held wanted) {
        for (Waiter waiter : waiters) {
            if (waiter.wanted().equals(wanted)) {
                return waiter;
            }
        }
        return null;
    }

    void addWaiter(Waiter waiter) {
        waiters.add(waiter);
    }

    void removeWaiter(Waiter waiter) {
        waiters.remove(waiter);
    }

    @Override
    boolean isEmpty() {
        return held.isEmpty() && waiters.isEmpty();
    }

    /** The held locks by offset, then the waiting requests in arrival order. */
    List<LockInfo> snapshot() {
        List<Held> all = new ArrayList<>();
        held.values().forEach(all::addAll);
        all.sort(BY_RANGE);
        List<LockInfo> infos = new ArrayList<>(all.size() + waiters.size());
        for (Held lock : all) {
            infos.add(lock.info(file));
        }
        for (Waiter waiter : waiters) {
            infos.add(new LockInfo(file, waiter.owner(), waiter.range(), waiter.exclusive(), true));
        }
        return infos;
    }
}

package io.manticore.core.internal.lease;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.manticore.api.lease.LockOwner;

/**
 * Which owners each waiting request waits for, across all files, to refuse a wait that would
 * close a cycle. Callers update it while holding the monitor of the waiter's file, so it always
 * matches the files' state; it never takes a file's monitor itself.
 */
final class WaitForGraph {

    private final Map<LockOwner, Map<Waiter, Set<LockOwner>>> waiting = new HashMap<>();

    /** Adds {@code waiter}, waiting for {@code blockers}, unless one of them waits (transitively) for its owner. */
    synchronized boolean addUnlessDeadlock(Waiter waiter, Set<LockOwner> blockers) {
        if (reaches(blockers, waiter.owner())) {
            return false;
        }
        waiting.computeIfAbsent(waiter.owner(), owner -> new HashMap<>()).put(waiter, blockers);
        return true;
    }

    /** Removes the waiters {@code gone} and sets what each of {@code still} now waits for. */
    synchronized void update(Collection<Waiter> gone, Map<Waiter, Set<LockOwner>> still) {
        for (Waiter waiter : gone) {
            Map<Waiter, Set<LockOwner>> ofOwner = waiting.get(waiter.owner());
            if (ofOwner != null && ofOwner.remove(waiter) != null && ofOwner.isEmpty()) {
                waiting.remove(waiter.owner());
            }
        }
        still.forEach((waiter, blockers) -> waiting.computeIfAbsent(waiter.owner(), owner -> new HashMap<>()).put(waiter, blockers));
    }

    synchronized int size() {
        int size = 0;
        for (Map<Waiter, Set<LockOwner>> ofOwner : waiting.values()) {
            size += ofOwner.size();
        }
        return size;
    }

    private boolean reaches(Set<LockOwner> from, LockOwner target) {
        Deque<LockOwner> todo = new ArrayDeque<>(from);
        Set<LockOwner> seen = new HashSet<>(from);
        while (!todo.isEmpty()) {
            LockOwner owner = todo.pop();
            if (owner.equals(target)) {
                return true;
            }
            for (Set<LockOwner> blockers : waiting.getOrDefault(owner, Map.of()).values()) {
                for (LockOwner next : blockers) {
                    if (seen.add(next)) {
                        todo.push(next);
                    }
                }
            }
        }
        return false;
    }
}

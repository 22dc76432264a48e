package io.manticore.core.internal.vfs;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import io.manticore.api.vfs.MountState;
import io.netty.util.ReferenceCounted;

/**
 * Releases the buffers of a handover state nobody will adopt (its mount was removed or the
 * server stops). A payload is built of JDK collections, arrays and Netty buffers only
 * ({@link MountState}), so walking those finds every buffer it owns.
 */
final class StateReleaser {

    private StateReleaser() {
    }

    static void release(MountState state) {
        if (state == null || state.payload() == null) {
            return;
        }
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(state.payload());
        while (!pending.isEmpty()) {
            Object next = pending.pop();
            // Each occurrence of a buffer owns one reference (a block shared by two files
            // appears twice); only containers are walked once.
            if (!(next instanceof ReferenceCounted) && !seen.add(next)) {
                continue;
            }
            switch (next) {
                case ReferenceCounted buffer -> {
                    if (buffer.refCnt() > 0) {
                        buffer.release();
                    }
                }
                case Map<?, ?> map -> map.forEach((key, value) -> {
                    push(pending, key);
                    push(pending, value);
                });
                case Iterable<?> items -> items.forEach(item -> push(pending, item));
                case Object[] items -> {
                    for (Object item : items) {
                        push(pending, item);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void push(Deque<Object> pending, Object item) {
        if (item != null) {
            pending.push(item);
        }
    }
}

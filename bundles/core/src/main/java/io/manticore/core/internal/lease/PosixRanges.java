package io.manticore.core.internal.lease;

import java.util.ArrayList;
import java.util.List;

/**
 * One owner's locks on one file as POSIX fcntl keeps them: no two overlap, and no two of one
 * type overlap or touch (they are coalesced). Both operations keep that so.
 */
final class PosixRanges {

    private PosixRanges() {
    }

    /**
     * The owner's locks after taking {@code wanted}: its range gets the wanted type, locks of
     * another type are cut around it, and locks of the same type that overlap or touch it merge
     * with it.
     */
    static List<Held> lock(List<Held> mine, Held wanted) {
        List<Held> after = new ArrayList<>(mine.size() + 2);
        long first = wanted.first();
        long last = wanted.last();
        for (Held held : mine) {
            boolean overlaps = held.overlaps(wanted.first(), wanted.last());
            if (held.exclusive() == wanted.exclusive() && (overlaps || held.adjoins(wanted.first(), wanted.last()))) {
                first = Long.compareUnsigned(held.first(), first) < 0 ? held.first() : first;
                last = Long.compareUnsigned(held.last(), last) > 0 ? held.last() : last;
            } else if (overlaps) {
                addOutside(after, held, wanted.first(), wanted.last());
            } else {
                after.add(held);
            }
        }
        after.add(wanted.withRange(first, last));
        return after;
    }

    /** The owner's locks after releasing the bytes {@code first..last}. */
    static List<Held> unlock(List<Held> mine, long first, long last) {
        List<Held> after = new ArrayList<>(mine.size() + 1);
        for (Held held : mine) {
            if (held.overlaps(first, last)) {
                addOutside(after, held, first, last);
            } else {
                after.add(held);
            }
        }
        return after;
    }

    /** Adds the parts of {@code held} before {@code first} and after {@code last}. */
    private static void addOutside(List<Held> into, Held held, long first, long last) {
        if (Long.compareUnsigned(held.first(), first) < 0) {
            into.add(held.withRange(held.first(), first - 1));
        }
        if (Long.compareUnsigned(held.last(), last) > 0) {
            into.add(held.withRange(last + 1, held.last()));
        }
    }
}

package io.manticore.protocol.portmap.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What other servers on this host registered with SET (RFC 1833 2.2.1, 3.2): one mapping per
 * (program, version, netid), at most {@code capacity} of them, in the order they came. Shared by
 * every connection.
 */
final class Registrations {

    private record Key(int program, int version, Netid netid) {
    }

    private final int capacity;
    private final Map<Key, Mapping> mappings = new LinkedHashMap<>();

    Registrations(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds {@code mapping}; false when its (program, version, netid) is taken or the table is full. */
    synchronized boolean add(Mapping mapping) {
        Key key = new Key(mapping.program(), mapping.version(), mapping.netid());
        if (mappings.containsKey(key) || mappings.size() >= capacity) {
            return false;
        }
        mappings.put(key, mapping);
        return true;
    }

    /** Removes the mappings of {@code program} and {@code version} on the netids {@code netids} accepts; true when any was. */
    synchronized boolean remove(int program, int version, Predicate<Netid> netids) {
        return mappings.values().removeIf(m -> m.is(program, version) && netids.test(m.netid()));
    }

    synchronized List<Mapping> all() {
        return List.copyOf(mappings.values());
    }
}

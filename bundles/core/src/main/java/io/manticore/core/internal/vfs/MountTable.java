package io.manticore.core.internal.vfs;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.manticore.api.vfs.MountId;

/**
 * The mounts by identity and by name. Readers take no lock: each change (under the mount
 * manager's lock) publishes new immutable maps (copy-on-write, DESIGN.md section 5).
 */
final class MountTable {

    private volatile Map<MountId, MountEntry> byId = Map.of();
    private volatile Map<String, MountEntry> byName = Map.of();

    MountEntry byId(MountId id) {
        return byId.get(id);
    }

    MountEntry byName(String name) {
        return byName.get(name);
    }

    /** Every mount, in the order they were added. */
    Collection<MountEntry> entries() {
        return byName.values();
    }

    synchronized void add(MountEntry entry) {
        Map<MountId, MountEntry> ids = new HashMap<>(byId);
        ids.put(entry.id(), entry);
        Map<String, MountEntry> names = new LinkedHashMap<>(byName);
        names.put(entry.name(), entry);
        publish(ids, names);
    }

    synchronized void remove(MountEntry entry) {
        Map<MountId, MountEntry> ids = new HashMap<>(byId);
        ids.remove(entry.id(), entry);
        Map<String, MountEntry> names = new LinkedHashMap<>(byName);
        names.remove(entry.name(), entry);
        publish(ids, names);
    }

    private void publish(Map<MountId, MountEntry> ids, Map<String, MountEntry> names) {
        byId = Map.copyOf(ids);
        byName = Collections.unmodifiableMap(names);
    }
}

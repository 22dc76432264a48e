package io.manticore.core.internal.vfs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.manticore.api.vfs.VfsModule;

/** The VFS modules present now, in the order they arrived. */
final class ModuleRegistry {

    private final CopyOnWriteArrayList<ModuleBinding> bindings = new CopyOnWriteArrayList<>();

    void add(ModuleBinding binding) {
        bindings.add(binding);
    }

    /** Forgets {@code module}; returns its binding, or null when it was not there. */
    ModuleBinding remove(VfsModule module) {
        for (ModuleBinding binding : bindings) {
            if (binding.module() == module) {
                bindings.remove(binding);
                return binding;
            }
        }
        return null;
    }

    /** The first module present under {@code name}, or null. */
    ModuleBinding find(String name) {
        for (ModuleBinding binding : bindings) {
            if (binding.name().equals(name)) {
                return binding;
            }
        }
        return null;
    }

    List<ModuleBinding> all() {
        return List.copyOf(bindings);
    }
}

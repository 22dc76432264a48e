package io.manticore.api.admin;

import java.util.Set;

import io.manticore.api.vfs.Capability;

/** A VFS module (backend) present now, with the bundle that provides it. */
public record ModuleInfo(String name, String bundle, String version, Set<Capability> capabilities,
                         int mounts) {

    public ModuleInfo {
        capabilities = Set.copyOf(capabilities);
    }
}

package io.manticore.api.admin;

import java.util.Set;

import io.manticore.api.vfs.Capability;

/**
 * A mount as the shell shows it. {@code state} is ACTIVE, SUSPENDED (its module is away:
 * calls wait) or FAILED (the module refused it; {@code detail} says why).
 */
public record MountInfo(String name, String module, String path, String mountId, String state,
                        Set<Capability> capabilities, long calls, int waiting, String detail) {

    public MountInfo {
        capabilities = Set.copyOf(capabilities);
    }
}

package io.manticore.shell.internal.command;

import java.util.ArrayList;
import java.util.List;

import io.manticore.api.admin.CacheStats;
import io.manticore.api.admin.ModuleInfo;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.admin.OpStats;

/** A MountAdmin answering with fixed records, and recording what it was asked to do. */
final class FixedMountAdmin implements MountAdmin {

    final List<MountInfo> mounts = new ArrayList<>();
    final List<ModuleInfo> modules = new ArrayList<>();
    final List<OpStats> stats = new ArrayList<>();
    final List<CacheStats> caches = new ArrayList<>();
    final List<String> swaps = new ArrayList<>();
    int clears;

    @Override
    public List<MountInfo> mounts() {
        return List.copyOf(mounts);
    }

    @Override
    public List<ModuleInfo> modules() {
        return List.copyOf(modules);
    }

    @Override
    public MountInfo swap(String mount, String module) {
        swaps.add(mount + "->" + module);
        for (MountInfo m : mounts) {
            if (m.name().equals(mount)) {
                return new MountInfo(m.name(), module, m.path(), m.mountId(), "ACTIVE", m.capabilities(),
                        m.calls(), 0, "");
            }
        }
        throw new IllegalArgumentException("no mount named " + mount);
    }

    @Override
    public List<OpStats> stats() {
        return List.copyOf(stats);
    }

    @Override
    public List<CacheStats> caches() {
        return List.copyOf(caches);
    }

    @Override
    public void clearCaches() {
        clears++;
    }
}

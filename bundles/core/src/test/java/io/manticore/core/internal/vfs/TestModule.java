package io.manticore.core.internal.vfs;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;

import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsModule;
import io.manticore.api.vfs.VfsMount;
import io.manticore.vfs.memfs.internal.MemfsModule;

/**
 * A test module over a real memfs module: its own name, extra capabilities, a hook on every
 * call of its mounts, and optionally a refusal of handed-over state.
 */
final class TestModule implements VfsModule {

    private final String name;
    private final VfsModule memfs = new MemfsModule();
    private final Set<Capability> extra;
    private final BiFunction<VfsMount, Set<Capability>, VfsMount> wrap;
    private volatile boolean refuseState;
    private volatile int mounts;

    TestModule(String name, Set<Capability> extra, ForwardingMount.Hook hook) {
        this(name, extra, (mount, caps) -> new ForwardingMount(mount, caps, hook));
    }

    /** A module whose mounts are {@code wrap} applied to a memfs mount and the capabilities. */
    TestModule(String name, Set<Capability> extra, BiFunction<VfsMount, Set<Capability>, VfsMount> wrap) {
        this.name = name;
        this.extra = extra;
        this.wrap = wrap;
    }

    TestModule(String name) {
        this(name, Set.of(), ForwardingMount.PASS);
    }

    /** From now on, refuse to adopt a handed-over state (BADTYPE), as a module of another format would. */
    TestModule refusingState() {
        refuseState = true;
        return this;
    }

    int mountCalls() {
        return mounts;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Capability> capabilities() {
        return union(memfs.capabilities());
    }

    @Override
    public VfsMount mount(MountSpec spec, MountState previous) {
        mounts++;
        if (refuseState && previous != null) {
            throw new VfsException(VfsError.BADTYPE, name + " cannot adopt a state of " + previous.module());
        }
        VfsMount mount = memfs.mount(spec, previous);
        return wrap.apply(mount, union(mount.capabilities()));
    }

    private Set<Capability> union(Set<Capability> base) {
        Set<Capability> all = EnumSet.noneOf(Capability.class);
        all.addAll(base);
        all.addAll(extra);
        return Set.copyOf(all);
    }
}

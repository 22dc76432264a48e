package io.manticore.vfs.memfs.internal;

import java.util.Set;

import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsModule;
import io.manticore.api.vfs.VfsMount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** memfs: files in RAM, in blocks of up to 64 KiB read without copying; hands its files over on update. */
@Component(immediate = true, service = VfsModule.class, property = VfsModule.MODULE_PROPERTY + "=" + HandoverCodec.MODULE)
public final class MemfsModule implements VfsModule {

    private static final Logger LOG = LoggerFactory.getLogger(MemfsModule.class);

    private final NanoClock clock;

    public MemfsModule() {
        this(NanoClock.system());
    }

    MemfsModule(NanoClock clock) {
        this.clock = clock;
    }

    @Activate
    void activate() {
        LOG.info("memfs module active");
    }

    @Deactivate
    void deactivate() {
        LOG.info("memfs module stopped");
    }

    @Override
    public String name() {
        return HandoverCodec.MODULE;
    }

    @Override
    public Set<Capability> capabilities() {
        return MemfsMount.CAPABILITIES;
    }

    /**
     * Mounts {@code spec} empty, or with the state {@code previous} hands over (taking its buffers).
     *
     * @throws IllegalArgumentException naming the option when an option value is invalid
     * @throws VfsException BADTYPE when {@code previous} is not a memfs state of a format this version reads
     */
    @Override
    public VfsMount mount(MountSpec spec, MountState previous) {
        MemfsOptions options = MemfsOptions.parse(spec.options());
        if (previous == null) {
            return new MemfsMount(spec.name(), Filesystem.fresh(spec.mountId(), options, clock));
        }
        if (!HandoverCodec.MODULE.equals(previous.module()) || !HandoverCodec.reads(previous.format())) {
            throw new VfsException(VfsError.BADTYPE, "memfs cannot adopt the state of " + previous.module()
                    + " format " + previous.format());
        }
        Filesystem adopted = HandoverCodec.decode(previous.payload(), spec.mountId(), options, clock);
        LOG.info("memfs mount {} adopted {} inodes, {} bytes", spec.name(), adopted.inodes.count(),
                adopted.space.usedBytes());
        return new MemfsMount(spec.name(), adopted);
    }
}

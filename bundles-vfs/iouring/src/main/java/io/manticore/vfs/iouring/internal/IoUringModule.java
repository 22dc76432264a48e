package io.manticore.vfs.iouring.internal;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.VfsModule;
import io.manticore.api.vfs.VfsMount;
import io.manticore.vfs.iouring.internal.ring.RingException;
import io.manticore.vfs.linux.internal.Passthrough;

/**
 * iouring: a host folder as the linux module serves it, with the data of open files going
 * through io_uring rings. Registered only where io_uring works: elsewhere it says so in one line.
 */
@Component(immediate = true, service = {})
public final class IoUringModule implements VfsModule {

    static final String NAME = "iouring";
    private static final Logger LOG = LoggerFactory.getLogger(IoUringModule.class);
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.XATTR, Capability.HARDLINKS,
            Capability.SYMLINKS, Capability.SPARSE, Capability.PERSISTENT);
    private static final int RING_ENTRIES = 256;
    private static final int LANES = 8;

    private final Path home;
    private final RingIo io;
    private final Lanes lanes;
    private final ServiceRegistration<VfsModule> registration;

    @Activate
    public IoUringModule(BundleContext context) {
        String property = context.getProperty("manticore.home");
        this.home = property == null ? Path.of("").toAbsolutePath() : Path.of(property);
        RingIo rings;
        try {
            rings = new RingIo(Math.max(1, Runtime.getRuntime().availableProcessors()), RING_ENTRIES, "manticore-vfs-uring");
        } catch (RingException | UnsupportedOperationException | LinkageError e) {
            LOG.warn("iouring module not available: io_uring cannot be set up here ({}); use the linux module", e.getMessage());
            io = null;
            lanes = null;
            registration = null;
            return;
        }
        io = rings;
        lanes = new Lanes(LANES, "manticore-vfs-uring-lane");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(VfsModule.MODULE_PROPERTY, NAME);
        registration = context.registerService(VfsModule.class, this, props);
        LOG.info("iouring module active ({} rings)", io.rings());
    }

    /** For tests: the module without OSGi, its paths relative to {@code home}. */
    IoUringModule(Path home) {
        this.home = home;
        this.io = new RingIo(2, RING_ENTRIES, "test-vfs-uring");
        this.lanes = new Lanes(LANES, "test-vfs-uring-lane");
        this.registration = null;
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (io != null) {
            lanes.close();
            io.close();
            LOG.info("iouring module stopped");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** Mounts {@code spec} as the linux module does, taking the unnamed files a passthrough mount handed over. */
    @Override
    public VfsMount mount(MountSpec spec, MountState previous) {
        return new IoUringMount(Passthrough.mount(spec, home, previous), lanes, io);
    }
}

package io.manticore.api.vfs;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A backend, registered as a service with the property {@value #MODULE_PROPERTY} naming it
 * ({@code memfs}, {@code linux}, …). Core mounts it for each configured mount that names it.
 */
@ConsumerType
public interface VfsModule {

    String MODULE_PROPERTY = "vfs.module";

    /** The module's name, the same as its {@value #MODULE_PROPERTY} property. */
    String name();

    Set<Capability> capabilities();

    /**
     * Mounts {@code spec}. When {@code previous} is not null it is the state a detached mount
     * of the same name handed over; the module adopts it (taking ownership of its buffers) so
     * that every existing file handle stays valid, or refuses it with {@link VfsError#BADTYPE}
     * when it cannot read that format.
     */
    VfsMount mount(MountSpec spec, MountState previous);
}

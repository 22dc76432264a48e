package io.manticore.shell.internal.command;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.manticore.api.admin.CacheStats;
import io.manticore.api.admin.MountAdmin;

/** {@code nas:cache}: the caches' figures; {@code nas:cache clear} empties them. */
@Component(immediate = true, service = CacheCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=cache"})
public final class CacheCommand {

    private static final String CLEAR = "clear";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MountAdmin mountAdmin;

    public CacheCommand() {
    }

    /** For tests: the command over {@code mountAdmin}, without OSGi. */
    CacheCommand(MountAdmin mountAdmin) {
        this.mountAdmin = mountAdmin;
    }

    @Descriptor("shows the caches: size, capacity, hits, misses, hit rate, evictions")
    public Rows<CacheStats> cache() {
        List<CacheStats> caches = CoreServices.require(mountAdmin).caches();
        CacheTable.of(caches).print();
        return new Rows<>(caches);
    }

    @Descriptor("empties every cache")
    public void cache(@Descriptor("clear") String action) {
        if (!CLEAR.equals(action)) {
            throw new IllegalArgumentException("unknown cache action '" + action + "': use nas:cache or nas:cache clear");
        }
        CoreServices.require(mountAdmin).clearCaches();
        SessionOutput.println("caches cleared");
    }
}

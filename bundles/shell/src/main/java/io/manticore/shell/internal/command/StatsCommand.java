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
import io.manticore.api.admin.OpStats;

/** {@code nas:stats}: operation counters of modules and protocols, then the caches. */
@Component(immediate = true, service = StatsCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=stats"})
public final class StatsCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MountAdmin mountAdmin;

    public StatsCommand() {
    }

    /** For tests: the command over {@code mountAdmin}, without OSGi. */
    StatsCommand(MountAdmin mountAdmin) {
        this.mountAdmin = mountAdmin;
    }

    @Descriptor("shows operation counters (calls, errors, mean time) and cache figures")
    public StatsReport stats() {
        MountAdmin admin = CoreServices.require(mountAdmin);
        List<OpStats> operations = admin.stats();
        List<CacheStats> caches = admin.caches();
        Table table = new Table().text("SCOPE").text("OPERATION").number("CALLS").number("ERRORS")
                .number("AVG-US");
        for (OpStats s : operations) {
            table.row(s.scope(), s.operation(), s.calls(), s.errors(), Cells.averageMicros(s.totalNanos(), s.calls()));
        }
        SessionOutput.print(table.render() + "\n" + CacheTable.of(caches).render());
        return new StatsReport(operations, caches);
    }
}

package io.manticore.shell.internal.command;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;

/** {@code nas:mounts}: every mount with its module, state, counters and capabilities. */
@Component(immediate = true, service = MountsCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=mounts"})
public final class MountsCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MountAdmin mountAdmin;

    public MountsCommand() {
    }

    /** For tests: the command over {@code mountAdmin}, without OSGi. */
    MountsCommand(MountAdmin mountAdmin) {
        this.mountAdmin = mountAdmin;
    }

    @Descriptor("lists the mounts: module, backend path, state, calls, capabilities")
    public Rows<MountInfo> mounts() {
        List<MountInfo> mounts = CoreServices.require(mountAdmin).mounts();
        MountTable.of(mounts).print();
        return new Rows<>(mounts);
    }
}

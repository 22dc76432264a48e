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

/** {@code nas:swap <mount> <module>}: moves a live mount to another module over the same data. */
@Component(immediate = true, service = SwapCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=swap"})
public final class SwapCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MountAdmin mountAdmin;

    public SwapCommand() {
    }

    /** For tests: the command over {@code mountAdmin}, without OSGi. */
    SwapCommand(MountAdmin mountAdmin) {
        this.mountAdmin = mountAdmin;
    }

    @Descriptor("moves a live mount to another module; clients keep their handles")
    public Rows<MountInfo> swap(@Descriptor("the mount's name") String mount,
                                @Descriptor("the module to serve it") String module) {
        MountInfo swapped = CoreServices.require(mountAdmin).swap(mount, module);
        MountTable.of(List.of(swapped)).print();
        return new Rows<>(List.of(swapped));
    }
}

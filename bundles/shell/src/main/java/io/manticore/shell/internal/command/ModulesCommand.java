package io.manticore.shell.internal.command;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.manticore.api.admin.ModuleInfo;
import io.manticore.api.admin.MountAdmin;

/** {@code nas:modules}: the VFS modules present, with their bundles and capabilities. */
@Component(immediate = true, service = ModulesCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=modules"})
public final class ModulesCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MountAdmin mountAdmin;

    public ModulesCommand() {
    }

    /** For tests: the command over {@code mountAdmin}, without OSGi. */
    ModulesCommand(MountAdmin mountAdmin) {
        this.mountAdmin = mountAdmin;
    }

    @Descriptor("lists the VFS modules: bundle, version, mounts served, capabilities")
    public Rows<ModuleInfo> modules() {
        List<ModuleInfo> modules = CoreServices.require(mountAdmin).modules();
        Table table = new Table().text("NAME").text("BUNDLE").text("VERSION").number("MOUNTS")
                .text("CAPABILITIES");
        for (ModuleInfo m : modules) {
            table.row(m.name(), m.bundle(), m.version(), m.mounts(), Cells.capabilities(m.capabilities()));
        }
        table.print();
        return new Rows<>(modules);
    }
}

package io.manticore.shell.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.manticore.api.config.ConfigService;
import io.manticore.api.config.ExportConfig;

/** {@code nas:exports}: the NFS exports of the configuration in force. */
@Component(immediate = true, service = ExportsCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=exports"})
public final class ExportsCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigService configService;

    public ExportsCommand() {
    }

    /** For tests: the command over {@code configService}, without OSGi. */
    ExportsCommand(ConfigService configService) {
        this.configService = configService;
    }

    @Descriptor("lists the NFS exports: namespace path, access, squash, anonymous ids, clients")
    public Rows<Named<ExportConfig>> exports() {
        Map<String, ExportConfig> exports = CoreServices.require(configService).current().exports();
        Table table = new Table().text("PATH").text("ACCESS").text("SQUASH").text("ANON").text("CLIENTS");
        List<Named<ExportConfig>> records = new ArrayList<>();
        for (Map.Entry<String, ExportConfig> e : exports.entrySet()) {
            ExportConfig x = e.getValue();
            table.row(x.path(), Cells.access(x.readOnly()), x.squash(),
                    x.anonUid() + ":" + x.anonGid(), Cells.joined(x.clients()));
            records.add(new Named<>(e.getKey(), x));
        }
        table.print();
        return new Rows<>(records);
    }
}

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
import io.manticore.api.config.ShareConfig;

/** {@code nas:shares}: the SMB shares of the configuration in force. */
@Component(immediate = true, service = SharesCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=shares"})
public final class SharesCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigService configService;

    public SharesCommand() {
    }

    /** For tests: the command over {@code configService}, without OSGi. */
    SharesCommand(ConfigService configService) {
        this.configService = configService;
    }

    @Descriptor("lists the SMB shares: namespace path, access, comment")
    public Rows<Named<ShareConfig>> shares() {
        Map<String, ShareConfig> shares = CoreServices.require(configService).current().shares();
        Table table = new Table().text("NAME").text("PATH").text("ACCESS").text("COMMENT");
        List<Named<ShareConfig>> records = new ArrayList<>();
        for (Map.Entry<String, ShareConfig> e : shares.entrySet()) {
            ShareConfig s = e.getValue();
            table.row(e.getKey(), s.path(), Cells.access(s.readOnly()), s.comment());
            records.add(new Named<>(e.getKey(), s));
        }
        table.print();
        return new Rows<>(records);
    }
}

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

import io.manticore.api.config.BucketConfig;
import io.manticore.api.config.ConfigService;

/** {@code nas:buckets}: the S3 buckets of the configuration in force. */
@Component(immediate = true, service = BucketsCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=buckets"})
public final class BucketsCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigService configService;

    public BucketsCommand() {
    }

    /** For tests: the command over {@code configService}, without OSGi. */
    BucketsCommand(ConfigService configService) {
        this.configService = configService;
    }

    @Descriptor("lists the S3 buckets: namespace path, public read")
    public Rows<Named<BucketConfig>> buckets() {
        Map<String, BucketConfig> buckets = CoreServices.require(configService).current().buckets();
        Table table = new Table().text("NAME").text("PATH").text("PUBLIC-READ");
        List<Named<BucketConfig>> records = new ArrayList<>();
        for (Map.Entry<String, BucketConfig> e : buckets.entrySet()) {
            BucketConfig b = e.getValue();
            table.row(e.getKey(), b.path(), Cells.yesNo(b.publicRead()));
            records.add(new Named<>(e.getKey(), b));
        }
        table.print();
        return new Rows<>(records);
    }
}

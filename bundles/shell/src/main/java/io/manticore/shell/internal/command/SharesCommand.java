package io.manticore.shell.internal.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.manticore.api.admin.SessionInfo;
import io.manticore.api.admin.SessionSource;
import io.manticore.api.config.ConfigService;
import io.manticore.api.config.ShareConfig;

/** {@code nas:shares}: the SMB shares of the configuration in force, with the sessions connected to each. */
@Component(immediate = true, service = SharesCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=shares"})
public final class SharesCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigService configService;

    private final List<SessionSource> sessions = new CopyOnWriteArrayList<>();

    public SharesCommand() {
    }

    /** For tests: the command over {@code configService} and {@code sessions}, without OSGi. */
    SharesCommand(ConfigService configService, List<SessionSource> sessions) {
        this.configService = configService;
        this.sessions.addAll(sessions);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSessions(SessionSource source) {
        sessions.add(source);
    }

    void removeSessions(SessionSource source) {
        sessions.remove(source);
    }

    @Descriptor("lists the SMB shares: namespace path, access, comment, tree connects open now")
    public Rows<Named<ShareConfig>> shares() {
        Map<String, ShareConfig> shares = CoreServices.require(configService).current().shares();
        Map<String, Integer> connections = new HashMap<>();
        for (SessionInfo s : SessionsCommand.all(sessions)) {
            for (String share : s.shares()) {
                connections.merge(share.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        Table table = new Table().text("NAME").text("PATH").text("ACCESS").text("COMMENT").number("CONNECTIONS");
        List<Named<ShareConfig>> records = new ArrayList<>();
        for (Map.Entry<String, ShareConfig> e : shares.entrySet()) {
            ShareConfig s = e.getValue();
            table.row(e.getKey(), s.path(), Cells.access(s.readOnly()), s.comment(),
                    connections.getOrDefault(e.getKey().toLowerCase(Locale.ROOT), 0));
            records.add(new Named<>(e.getKey(), s));
        }
        table.print();
        return new Rows<>(records);
    }
}

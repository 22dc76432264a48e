package io.manticore.shell.internal.ssh;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.manticore.api.config.ConfigListener;
import io.manticore.api.config.ConfigService;
import io.manticore.api.config.ServerConfig;

/**
 * Runs the SSH shell over Gogo as the configuration says ({@code shell} in manticore.json),
 * and restarts it when those settings change.
 */
@Component(immediate = true, service = ConfigListener.class)
public final class SshShellComponent implements ConfigListener {

    @Reference
    private ConfigService configService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CommandProcessor commandProcessor;

    private volatile ShellServer server;

    @Activate
    void activate() {
        ShellServer s = new ShellServer(configService.varDirectory(),
                new GogoCommandRunner(() -> commandProcessor), () -> configService.current().users());
        server = s;
        s.apply(configService.current().shell());
    }

    @Deactivate
    void deactivate() {
        server.close();
    }

    @Override
    public void configApplied(ServerConfig config) {
        ShellServer s = server;
        if (s != null) {
            s.apply(config.shell());
        }
    }
}

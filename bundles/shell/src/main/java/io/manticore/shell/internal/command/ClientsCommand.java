package io.manticore.shell.internal.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.manticore.api.admin.ClientInfo;
import io.manticore.api.admin.ClientSource;

/** {@code nas:clients}: the clients of every protocol that lists its clients. */
@Component(immediate = true, service = ClientsCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=clients"})
public final class ClientsCommand {

    private static final Comparator<ClientInfo> ORDER =
            Comparator.comparing(ClientInfo::protocol).thenComparing(ClientInfo::address);

    private final List<ClientSource> sources = new CopyOnWriteArrayList<>();

    public ClientsCommand() {
    }

    /** For tests: the command over {@code sources}, without OSGi. */
    ClientsCommand(List<ClientSource> sources) {
        this.sources.addAll(sources);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(ClientSource source) {
        sources.add(source);
    }

    void removeSource(ClientSource source) {
        sources.remove(source);
    }

    @Descriptor("lists the clients of every protocol: address, authentication, connections, calls, detail")
    public Rows<ClientInfo> clients() {
        List<ClientInfo> clients = new ArrayList<>();
        for (ClientSource source : sources) {
            clients.addAll(source.clients());
        }
        clients.sort(ORDER);
        Table table = new Table().text("PROTOCOL").text("ADDRESS").text("AUTH").number("CONNECTIONS")
                .number("CALLS").text("DETAIL");
        for (ClientInfo c : clients) {
            table.row(c.protocol(), c.address(), c.auth(), c.connections(), c.calls(), Cells.joined(c.detail()));
        }
        table.print();
        return new Rows<>(clients);
    }
}

package io.manticore.shell.internal.command;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;

/** {@code nas:listeners}: every configured listener and whether it is bound. */
@Component(immediate = true, service = ListenersCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=listeners"})
public final class ListenersCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ListenerAdmin listenerAdmin;

    public ListenersCommand() {
    }

    /** For tests: the command over {@code listenerAdmin}, without OSGi. */
    ListenersCommand(ListenerAdmin listenerAdmin) {
        this.listenerAdmin = listenerAdmin;
    }

    @Descriptor("lists the listeners: protocol, transport, address, bound port, state, connections")
    public Rows<ListenerInfo> listeners() {
        List<ListenerInfo> listeners = CoreServices.require(listenerAdmin).listeners();
        Table table = new Table().text("PROTOCOL").text("TRANSPORT").text("ADDRESS").number("PORT")
                .number("BOUND-PORT").text("STATE").number("CONNECTIONS").text("DETAIL");
        for (ListenerInfo l : listeners) {
            table.row(l.protocol(), l.transport(), l.address(), l.port(),
                    l.boundPort() < 0 ? null : l.boundPort(), l.state(), l.connections(), l.detail());
        }
        table.print();
        return new Rows<>(listeners);
    }
}

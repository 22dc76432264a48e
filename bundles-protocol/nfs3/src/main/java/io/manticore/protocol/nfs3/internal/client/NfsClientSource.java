package io.manticore.protocol.nfs3.internal.client;

import java.util.List;

import io.manticore.api.admin.ClientInfo;
import io.manticore.api.admin.ClientSource;

/** The NFS service's client records as {@code nas:clients} lists them, with the paths each has mounted. */
public final class NfsClientSource implements ClientSource {

    static final String PROTOCOL = "nfs3";

    private final Clients clients;

    public NfsClientSource(Clients clients) {
        this.clients = clients;
    }

    @Override
    public List<ClientInfo> clients() {
        return clients.all().stream()
                .map(r -> new ClientInfo(PROTOCOL, r.address().getHostAddress(), r.auth(), r.connections(),
                        r.calls(), r.mounts()))
                .toList();
    }
}

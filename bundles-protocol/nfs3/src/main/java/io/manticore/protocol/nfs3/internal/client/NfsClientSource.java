package io.manticore.protocol.nfs3.internal.client;

import java.util.ArrayList;
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
        return clients.all().stream().map(NfsClientSource::info).toList();
    }

    /**
     * One client's row: its NFS connections and calls; the detail lists its mounted paths, then
     * its connections to the service's other protocols (MOUNT, NLM, NSM) as protocol:count, e.g. "nlm:2".
     */
    private static ClientInfo info(ClientRecord r) {
        List<String> detail = new ArrayList<>(r.mounts());
        r.connectionsByProtocol().forEach((protocol, count) -> {
            if (!protocol.equals(PROTOCOL)) {
                detail.add(protocol + ":" + count);
            }
        });
        return new ClientInfo(PROTOCOL, r.address().getHostAddress(), r.auth(), r.connections(PROTOCOL), r.calls(), detail);
    }
}

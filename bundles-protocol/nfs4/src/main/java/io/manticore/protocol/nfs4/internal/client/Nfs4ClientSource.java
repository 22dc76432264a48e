package io.manticore.protocol.nfs4.internal.client;

import java.util.List;

import io.manticore.api.admin.ClientInfo;
import io.manticore.api.admin.ClientSource;
import io.manticore.protocol.nfs4.internal.state.NfsClient;
import io.manticore.protocol.nfs4.internal.state.StateManager;

/**
 * The NFSv4 clients as {@code nas:clients} lists them: one row per confirmed client id, with its
 * minor version, owner string, sessions, open-owners and opens in the detail.
 */
public final class Nfs4ClientSource implements ClientSource {

    static final String PROTOCOL = "nfs4";

    private final StateManager state;

    public Nfs4ClientSource(StateManager state) {
        this.state = state;
    }

    @Override
    public List<ClientInfo> clients() {
        return state.clients().stream().map(Nfs4ClientSource::info).toList();
    }

    private static ClientInfo info(StateManager.ClientView view) {
        NfsClient c = view.client();
        String address = c.address() == null ? "-" : c.address().getHostAddress();
        String auth = c.auth() == null ? "-" : c.auth();
        List<String> detail = List.of("id=" + c.key(), "v4." + c.minorVersion(), "owner=" + c.ownerText(),
                "sessions=" + view.sessions(), "open-owners=" + view.owners(), "opens=" + view.opens());
        return new ClientInfo(PROTOCOL, address, auth, c.connections(), c.calls(), detail);
    }
}

package io.manticore.protocol.smb.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.manticore.api.admin.ClientInfo;
import io.manticore.api.admin.ClientSource;
import io.manticore.protocol.smb.internal.conn.SmbConnection;
import io.manticore.protocol.smb.internal.session.Session;
import io.manticore.protocol.smb.internal.wire.Dialect;

/** The SMB connections for {@code nas:clients} and {@code nas:sessions}: user, dialect, signing, encryption, opens. */
public final class SmbClients implements ClientSource {

    private final Set<SmbConnection> connections = ConcurrentHashMap.newKeySet();

    public void add(SmbConnection connection) {
        connections.add(connection);
        connection.channel().closeFuture().addListener(f -> connections.remove(connection));
    }

    @Override
    public List<ClientInfo> clients() {
        List<ClientInfo> out = new ArrayList<>();
        for (SmbConnection c : connections) {
            List<String> detail = new ArrayList<>();
            String user = "-";
            detail.add("dialect " + (c.dialect() == 0 ? "-" : Dialect.name(c.dialect())));
            for (Session s : c.sessions()) {
                if (!s.isValid()) {
                    continue;
                }
                user = s.identity().display();
                detail.add("session " + Long.toHexString(s.id()) + " " + user
                        + (s.signer() != null && s.signingRequired() ? " signed" : "")
                        + (s.encrypt() ? " encrypted" : "")
                        + ", trees " + s.trees().size() + ", opens " + s.opens().size());
            }
            out.add(new ClientInfo("smb", c.remote(), "ntlm:" + user, 1, c.calls(), detail));
        }
        return out;
    }
}

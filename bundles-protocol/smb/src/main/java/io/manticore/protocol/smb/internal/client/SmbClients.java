package io.manticore.protocol.smb.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.manticore.api.admin.ClientInfo;
import io.manticore.api.admin.ClientSource;
import io.manticore.api.admin.SessionInfo;
import io.manticore.api.admin.SessionSource;
import io.manticore.protocol.smb.internal.conn.SmbConnection;
import io.manticore.protocol.smb.internal.session.Session;
import io.manticore.protocol.smb.internal.session.TreeConnect;
import io.manticore.protocol.smb.internal.wire.Dialect;

/** The SMB connections for {@code nas:clients} and {@code nas:sessions}: user, dialect, signing, encryption, opens. */
public final class SmbClients implements ClientSource, SessionSource {

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
                        + (signed(s) ? " signed" : "")
                        + (encrypted(s) ? " encrypted" : "")
                        + ", trees " + s.trees().size() + ", opens " + s.opens().size());
            }
            out.add(new ClientInfo("smb", c.remote(), "ntlm:" + user, 1, c.calls(), detail));
        }
        return out;
    }

    @Override
    public List<SessionInfo> sessions() {
        List<SessionInfo> out = new ArrayList<>();
        for (SmbConnection c : connections) {
            for (Session s : c.sessions()) {
                if (s.isValid()) {
                    List<String> shares = s.trees().stream().map(TreeConnect::share).toList();
                    out.add(new SessionInfo("smb", c.remote(), s.identity().display(), Dialect.name(c.dialect()),
                            signed(s), encrypted(s), s.opens().size(), shares));
                }
            }
        }
        return out;
    }

    private static boolean signed(Session s) {
        return s.signer() != null && s.signingRequired();
    }

    /** The whole session encrypts, or one of its trees does (a share that asks for it). */
    private static boolean encrypted(Session s) {
        return s.encrypt() || s.trees().stream().anyMatch(TreeConnect::encrypt);
    }
}

package io.manticore.protocol.smb.internal.conn;

import io.manticore.protocol.smb.internal.SmbServer;
import io.manticore.protocol.smb.internal.session.Closer;
import io.manticore.protocol.smb.internal.session.Session;

/** Ends sessions: their opens are closed and they leave the server's table. */
public final class SessionTeardown {

    private SessionTeardown() {
    }

    /** LOGOFF, or the end of the connection the session was bound to. */
    public static void end(SmbConnection connection, Session session) {
        SmbServer server = connection.server();
        connection.unbind(session.id());
        server.remove(session);
        Closer.closeAll(server.vfs(), server.leases(), session);
    }

    public static void connectionClosed(SmbConnection connection) {
        connection.pending().values().forEach(pending -> pending.cancel().run());
        for (Session session : connection.sessions()) {
            end(connection, session);
        }
    }
}

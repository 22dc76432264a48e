package io.manticore.protocol.nfs4.internal.compound;

import java.net.InetAddress;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.nfs4.internal.Connection;
import io.manticore.protocol.nfs4.internal.Nfs4Server;
import io.manticore.protocol.nfs4.internal.fh.CurrentFh;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.state.NfsClient;
import io.manticore.protocol.nfs4.internal.state.Session;
import io.manticore.protocol.nfs4.internal.state.StateManager;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.nfscommon.internal.export.Export;
import io.manticore.protocol.oncrpc.internal.AuthSys;
import io.manticore.protocol.oncrpc.internal.Credential;

/**
 * One COMPOUND being served (RFC 7530 15.2, RFC 8881 16.2): the caller, the minor version, the
 * current and saved filehandles, the current and saved stateids (NFSv4.1), and the session and
 * slot its SEQUENCE claimed. Operations run one after another, so it needs no lock.
 */
public final class Compound {

    private final Nfs4Server server;
    private final Connection connection;
    private final Credential credential;
    private final int minorVersion;
    private final int operationCount;
    private final int requestBytes;
    private CurrentFh currentFh;
    private CurrentFh savedFh;
    private Stateid currentStateid;
    private Stateid savedStateid;
    private Session session;
    private int slotId = -1;
    private boolean cacheThis;
    private NfsClient client;

    public Compound(Nfs4Server server, Connection connection, Credential credential, int minorVersion,
                    int operationCount, int requestBytes) {
        this.server = server;
        this.connection = connection;
        this.credential = credential;
        this.minorVersion = minorVersion;
        this.operationCount = operationCount;
        this.requestBytes = requestBytes;
    }

    public Nfs4Server server() {
        return server;
    }

    public Vfs vfs() {
        return server.vfs();
    }

    public StateManager state() {
        return server.state();
    }

    public Connection connection() {
        return connection;
    }

    public InetAddress peer() {
        return connection.peer();
    }

    public int minorVersion() {
        return minorVersion;
    }

    /** The operations the COMPOUND holds (SEQUENCE checks them against the session's bound). */
    public int operationCount() {
        return operationCount;
    }

    /** The size of the COMPOUND's arguments (SEQUENCE checks it against the session's bound). */
    public int requestBytes() {
        return requestBytes;
    }

    /** The credential flavour, as the shell shows it. */
    public String flavor() {
        return credential instanceof AuthSys ? "sys" : "none";
    }

    /**
     * Who the caller is for client records (RFC 8881 2.4.3): AUTH_SYS's uid, or nobody in
     * particular for AUTH_NONE.
     */
    public String principal() {
        return credential instanceof AuthSys sys ? "sys:" + Integer.toUnsignedString(sys.uid()) : "none";
    }

    /** The identity the caller runs as on {@code export}, after squashing. */
    public Cred cred(Export export) {
        if (credential instanceof AuthSys sys) {
            return export.map(sys.toCred());
        }
        return export.anonymous();
    }

    public Cred cred(ExportFh file) {
        return cred(file.export());
    }

    /** The current filehandle: NOFILEHANDLE when there is none. */
    public CurrentFh fh() {
        if (currentFh == null) {
            throw new Nfs4Exception(Nfs4Status.NOFILEHANDLE, "no current filehandle");
        }
        return currentFh;
    }

    /** The current filehandle, or null when there is none. */
    public CurrentFh fhOrNull() {
        return currentFh;
    }

    /**
     * The current filehandle when it names a file of an export; a pseudo directory fails with
     * {@code pseudoStatus} (what the operation answers for a directory it cannot change or read).
     */
    public ExportFh exportFh(int pseudoStatus) {
        if (fh() instanceof ExportFh file) {
            return file;
        }
        throw new Nfs4Exception(pseudoStatus, "the current filehandle is a pseudo file system directory");
    }

    /** Sets the current filehandle; RFC 8881 16.2.3.1.2: a new one clears the current stateid. */
    public void fh(CurrentFh fh) {
        currentFh = fh;
        currentStateid = null;
    }

    /** SECINFO and SECINFO_NO_NAME consume the current filehandle (RFC 8881 2.6.3.1.1.8). */
    public void clearFh() {
        currentFh = null;
        currentStateid = null;
    }

    public void saveFh() {
        savedFh = fh();
        savedStateid = currentStateid;
    }

    /** The saved filehandle: NOFILEHANDLE when none was saved (RFC 8881 18.16.3, 18.27.3). */
    public CurrentFh savedFh() {
        if (savedFh == null) {
            throw new Nfs4Exception(Nfs4Status.NOFILEHANDLE, "no saved filehandle");
        }
        return savedFh;
    }

    public void restoreFh() {
        if (savedFh == null) {
            throw new Nfs4Exception(Nfs4Status.RESTOREFH, "no saved filehandle");
        }
        currentFh = savedFh;
        currentStateid = savedStateid;
    }

    /** The stateid an operation names: NFSv4.1's "current stateid" stands for the one set last (RFC 8881 16.2.3.1.2). */
    public Stateid stateid(Stateid given) {
        if (minorVersion > 0 && given.isCurrent()) {
            if (currentStateid == null) {
                throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "no current stateid");
            }
            return currentStateid;
        }
        return given;
    }

    /** Records the stateid an operation returned as the current one. */
    public void currentStateid(Stateid stateid) {
        currentStateid = stateid;
    }

    /** Binds the COMPOUND to the slot SEQUENCE claimed in {@code claimed}. */
    public void session(Session claimed, int slot, boolean cache) {
        this.session = claimed;
        this.slotId = slot;
        this.cacheThis = cache;
        touch(claimed.client());
    }

    /** The session of the COMPOUND's SEQUENCE, or null. */
    public Session session() {
        return session;
    }

    public int slotId() {
        return slotId;
    }

    public boolean cacheThis() {
        return cacheThis;
    }

    /** Counts this COMPOUND once for the client whose state it uses (for the shell). */
    public void touch(NfsClient touched) {
        if (client == null) {
            client = touched;
            touched.called(connection, flavor());
        }
    }

    /** The client of the COMPOUND's session (NFSv4.1): the operations' state is its own. */
    public NfsClient sessionClient() {
        if (session == null) {
            throw new Nfs4Exception(Nfs4Status.OP_NOT_IN_SESSION, "no session");
        }
        return client;
    }
}

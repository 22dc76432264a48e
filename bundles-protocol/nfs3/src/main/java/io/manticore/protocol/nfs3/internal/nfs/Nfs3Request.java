package io.manticore.protocol.nfs3.internal.nfs;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs3.internal.Connection;
import io.manticore.protocol.nfs3.internal.NfsServer;
import io.manticore.protocol.nfscommon.internal.export.Export;
import io.manticore.protocol.nfscommon.internal.handle.WireHandles;
import io.manticore.protocol.oncrpc.internal.AuthSys;
import io.manticore.protocol.oncrpc.internal.Credential;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.netty.buffer.ByteBufAllocator;

/**
 * One NFSv3 call being served: the server, the connection, the caller's credential, and the
 * first handle the arguments named (whose attributes an error reply carries).
 */
public final class Nfs3Request {

    private final NfsServer server;
    private final Connection connection;
    private final Credential credential;
    private Target primary;

    public Nfs3Request(NfsServer server, Connection connection, Credential credential) {
        this.server = server;
        this.connection = connection;
        this.credential = credential;
    }

    public Vfs vfs() {
        return server.vfs();
    }

    public ByteBufAllocator alloc() {
        return connection.alloc();
    }

    /** The first handle read from the arguments, or null. */
    Target primary() {
        return primary;
    }

    /**
     * Reads an nfs_fh3 and checks it: BADHANDLE when it was not issued by this server, STALE
     * when its export is gone, ACCES when this client may not use that export.
     */
    public Target handle(XdrDecoder in) {
        NfsServer.Checked checked = server.check(in.readOpaqueBytes(WireHandles.MAX_BYTES), connection.peer());
        Target target = new Target(checked.export(), checked.fh(), credFor(checked.export()));
        if (primary == null) {
            primary = target;
        }
        return target;
    }

    /** A second handle of the same call (RENAME, LINK): XDEV when it names another export. */
    public Target sameExport(Target first, XdrDecoder in) {
        Target second = handle(in);
        if (second.export().id() != first.export().id()) {
            throw new VfsException(VfsError.XDEV, "handles of two exports");
        }
        return second;
    }

    /** ROFS when {@code target}'s export is read-only. */
    public static void writable(Target target) {
        if (target.export().readOnly()) {
            throw new VfsException(VfsError.ROFS, "export " + target.export().path() + " is read-only");
        }
    }

    /** Writes {@code fh} as an nfs_fh3 issued under {@code target}'s export. */
    public void writeHandle(XdrEncoder out, Target target, FileHandle fh) {
        out.writeOpaque(server.handles().encode(target.export().id(), fh));
    }

    /** The identity the caller runs as on {@code export}, after squashing. */
    Cred credFor(Export export) {
        if (credential instanceof AuthSys sys) {
            return export.map(sys.toCred());
        }
        return export.anonymous();
    }
}

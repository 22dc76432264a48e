package io.manticore.protocol.nfs3.internal;

import java.net.InetAddress;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs3.internal.client.Clients;
import io.manticore.protocol.nfscommon.internal.export.Export;
import io.manticore.protocol.nfscommon.internal.export.Exports;
import io.manticore.protocol.nfscommon.internal.handle.WireHandles;

/**
 * What every connection of the NFS, MOUNT and NLM services shares: the VFS, the export table,
 * the handle signer and the client records.
 */
public record NfsServer(Vfs vfs, Exports exports, WireHandles handles, Clients clients) {

    /** A wire handle checked for a caller: its export and the VFS handle. */
    public record Checked(Export export, FileHandle fh) {
    }

    /**
     * Checks a handle a client at {@code peer} sent: BADHANDLE when this server did not issue
     * it, STALE when its export is gone, ACCES when the client may not use that export.
     */
    public Checked check(byte[] wire, InetAddress peer) {
        WireHandles.Decoded decoded = handles.decode(wire);
        Export export = exports.byId(decoded.exportId());
        if (export == null) {
            throw new VfsException(VfsError.STALE, "export of the handle is no longer served");
        }
        if (!export.admits(peer)) {
            throw new VfsException(VfsError.ACCES, peer.getHostAddress() + " may not use export " + export.path());
        }
        return new Checked(export, decoded.fh());
    }
}

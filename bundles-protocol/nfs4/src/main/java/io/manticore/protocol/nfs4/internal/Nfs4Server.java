package io.manticore.protocol.nfs4.internal;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

import io.manticore.api.config.ConfigService;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs4.internal.attr.Owners;
import io.manticore.protocol.nfs4.internal.fh.CurrentFh;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.fh.ExportRoots;
import io.manticore.protocol.nfs4.internal.fh.PseudoFh;
import io.manticore.protocol.nfs4.internal.pseudo.PseudoFs;
import io.manticore.protocol.nfs4.internal.pseudo.PseudoNode;
import io.manticore.protocol.nfs4.internal.state.StateManager;
import io.manticore.protocol.nfscommon.internal.export.Export;
import io.manticore.protocol.nfscommon.internal.export.Exports;
import io.manticore.protocol.nfscommon.internal.handle.WireHandles;

/**
 * What every connection of the NFSv4 service shares: the VFS, the export table and the pseudo
 * file system over it, the handle signer, the client state, and the server's identity.
 *
 * @param serverOwner the so_major_id and server scope of EXCHANGE_ID: the same for every
 *                    connection to this server, so a client trunks them into one client
 */
public record Nfs4Server(Vfs vfs, Exports exports, WireHandles handles, PseudoFs pseudo, ExportRoots roots,
                         StateManager state, Owners owners, Nfs4Settings settings, byte[] serverOwner) {

    public Nfs4Server {
        serverOwner = serverOwner.clone();
    }

    /**
     * The server over {@code vfs} and the exports of {@code config}, its handles signed with
     * {@code handleKey}; {@code nowMillis} starts the instance (its epoch in client ids, the
     * times of the pseudo directories), {@code nanoClock} measures leases.
     */
    public static Nfs4Server create(Vfs vfs, ConfigService config, LeaseManager leases, byte[] handleKey,
                                    Nfs4Settings settings, LongSupplier nanoClock, long nowMillis, String hostName) {
        Exports exports = new Exports(config);
        StateManager state = new StateManager(leases, settings, nanoClock, (int) (nowMillis / 1000));
        return new Nfs4Server(vfs, exports, new WireHandles(handleKey), new PseudoFs(exports, nowMillis * 1_000_000),
                new ExportRoots(vfs), state, new Owners(config), settings,
                ("manticore:" + hostName).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] serverOwner() {
        return serverOwner.clone();
    }

    /**
     * What a filehandle a client at {@code peer} sent names: BADHANDLE when this server did not
     * issue it, STALE when its export or pseudo directory is gone, ACCES when the client may not
     * use the export.
     */
    public CurrentFh resolve(byte[] wire, InetAddress peer) {
        if (WireHandles.isNode(wire)) {
            PseudoNode node = pseudo.treeFor(peer).node(handles.decodeNode(wire));
            if (node == null) {
                throw new VfsException(VfsError.STALE, "pseudo directory no longer exported");
            }
            return new PseudoFh(node);
        }
        WireHandles.Decoded decoded = handles.decode(wire, WireHandles.NFS4_MAX_BYTES);
        Export export = exports.byId(decoded.exportId());
        if (export == null) {
            throw new VfsException(VfsError.STALE, "export of the handle is no longer served");
        }
        if (!export.admits(peer)) {
            throw new VfsException(VfsError.ACCES, peer.getHostAddress() + " may not use export " + export.path());
        }
        return new ExportFh(export, decoded.fh());
    }

    /** The wire form of {@code fh}. */
    public byte[] wire(CurrentFh fh) {
        return switch (fh) {
            case PseudoFh p -> handles.encodeNode(p.node().id());
            case ExportFh e -> handles.encode(e.export().id(), e.fh(), WireHandles.NFS4_MAX_BYTES);
        };
    }
}

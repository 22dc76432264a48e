package io.manticore.protocol.nfs3.internal;

import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.nfs3.internal.client.Clients;
import io.manticore.protocol.nfs3.internal.export.Exports;
import io.manticore.protocol.nfs3.internal.handle.WireHandles;

/**
 * What every connection of the NFS and MOUNT services shares: the VFS, the export table, the
 * handle signer and the client records.
 */
public record NfsServer(Vfs vfs, Exports exports, WireHandles handles, Clients clients) {
}

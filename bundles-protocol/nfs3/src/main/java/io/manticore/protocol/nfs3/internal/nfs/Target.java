package io.manticore.protocol.nfs3.internal.nfs;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.protocol.nfscommon.internal.export.Export;

/**
 * A checked handle of a call: the export it was issued under, the VFS handle, and the
 * identity the caller runs as on that export.
 */
public record Target(Export export, FileHandle fh, Cred cred) {

    /** The fsid of fattr3: one per mount, from the mount id. */
    public long fsid() {
        return fh.mountId().high() ^ fh.mountId().low();
    }
}

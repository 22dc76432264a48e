package io.manticore.protocol.nfs4.internal.fh;

import io.manticore.api.vfs.FileHandle;
import io.manticore.protocol.nfscommon.internal.export.Export;

/** A file of an export: the export its handle was issued under and the VFS handle. */
public record ExportFh(Export export, FileHandle fh) implements CurrentFh {

    /** fsid4 major: one fsid per mount, from the mount id. */
    public long fsidMajor() {
        return fh.mountId().high();
    }

    public long fsidMinor() {
        return fh.mountId().low();
    }
}

package io.manticore.protocol.nfs4.internal.op;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.state.NfsClient;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;

/** The stateid check of the operations that read or change a file's data (READ, WRITE, SETATTR of size, SEEK, ALLOCATE…). */
final class Io {

    private Io() {
    }

    /** Throws the status a stateid earns for this access (RFC 8881 8.2.2); counts the call for its client. */
    static void check(Compound c, Stateid given, ExportFh file, boolean write) {
        NfsClient client = c.state().checkIo(c.stateid(given), file, write, c.minorVersion());
        if (client != null) {
            c.touch(client);
        }
    }
}

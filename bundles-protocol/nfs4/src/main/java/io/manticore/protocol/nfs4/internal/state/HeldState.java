package io.manticore.protocol.nfs4.internal.state;

import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;

/** What a stateid of this server names: an open, or a lock-owner's locks on a file. */
public sealed interface HeldState permits OpenState, LockState {

    /** The index its stateid carries. */
    int index();

    ExportFh file();

    /** The open whose access governs I/O under this stateid. */
    OpenState open();

    Stateid stateid();
}

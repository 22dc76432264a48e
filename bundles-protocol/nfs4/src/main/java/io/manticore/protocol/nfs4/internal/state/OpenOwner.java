package io.manticore.protocol.nfs4.internal.state;

import java.util.HashMap;
import java.util.Map;

import io.manticore.api.vfs.FileHandle;

/**
 * An open-owner (RFC 7530 9.1.5): its opens, one per file, and whether NFSv4.0's OPEN_CONFIRM
 * has confirmed it. Mutated only by {@link StateManager} under its lock.
 */
public final class OpenOwner extends SeqidOwner {

    /** RFC 7530 9.1.11: an NFSv4.0 owner is unconfirmed until its first OPEN_CONFIRM. */
    boolean confirmed;
    final Map<FileHandle, OpenState> opens = new HashMap<>();
    /** The owner's last closed open (NFSv4.0), kept for a retransmitted CLOSE. */
    OpenState lastClosed;

    OpenOwner(NfsClient client, byte[] owner, boolean confirmed) {
        super(client, owner, 'o');
        this.confirmed = confirmed;
    }

    public boolean confirmed() {
        return confirmed;
    }
}

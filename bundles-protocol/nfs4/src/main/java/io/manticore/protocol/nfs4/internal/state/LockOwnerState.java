package io.manticore.protocol.nfs4.internal.state;

import java.util.HashMap;
import java.util.Map;

import io.manticore.api.vfs.FileHandle;

/**
 * A lock-owner (RFC 7530 9.1.5): its lock stateids, one per file; the locks themselves are held
 * in core's lease manager. Mutated only by {@link StateManager} under its lock.
 */
public final class LockOwnerState extends SeqidOwner {

    final Map<FileHandle, LockState> locks = new HashMap<>();

    LockOwnerState(NfsClient client, byte[] owner) {
        super(client, owner, 'l');
    }
}

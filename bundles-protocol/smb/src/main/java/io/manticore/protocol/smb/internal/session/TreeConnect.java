package io.manticore.protocol.smb.internal.session;

import java.util.concurrent.atomic.AtomicLong;

import io.manticore.api.vfs.FileHandle;

/**
 * A tree connect: a session's use of one share (or of IPC$, whose {@code root} is null).
 *
 * @param maximalAccess the access mask the share allows this session (MS-SMB2 2.2.10)
 */
public record TreeConnect(int id, String share, FileHandle root, boolean readOnly, boolean encrypt,
                          int maximalAccess, AtomicLong opens) {

    public boolean isIpc() {
        return root == null;
    }
}

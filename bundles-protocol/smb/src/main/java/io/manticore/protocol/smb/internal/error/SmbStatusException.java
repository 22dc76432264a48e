package io.manticore.protocol.smb.internal.error;

import io.manticore.protocol.smb.internal.wire.NtStatus;

/** A command's failure with the NTSTATUS the client gets. */
public final class SmbStatusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public SmbStatusException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public SmbStatusException(int status) {
        this(status, NtStatus.hex(status));
    }

    public int status() {
        return status;
    }
}

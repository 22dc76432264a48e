package io.manticore.protocol.smb.internal.command;

import io.manticore.api.lease.LockInfo;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Negotiated;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.session.ByteRangeLocks;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.wire.NtStatus;

/** The limits a READ, WRITE, IOCTL or QUERY_DIRECTORY payload must keep (MS-SMB2 3.3.5.2.5). */
final class IoRules {

    private static final int CREDIT_BYTES = 65536;

    private IoRules() {
    }

    /** Checks {@code length} against the negotiated maximum and, with large MTU, against the credits charged. */
    static void check(Exchange exchange, long length, int maximum) {
        if (length > maximum) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "payload of " + length + " bytes over " + maximum);
        }
        Negotiated negotiated = exchange.connection().negotiated();
        if (negotiated.largeMtu()) {
            long needed = (Math.max(length, 1) - 1) / CREDIT_BYTES + 1;
            if (exchange.message().header().charge() < needed) {
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "payload of " + length + " bytes charged "
                        + exchange.message().header().charge() + " credits");
            }
        } else if (length > CREDIT_BYTES) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "payload of " + length + " bytes without large MTU");
        }
    }

    /** The negotiated MaxReadSize/MaxWriteSize. */
    static int maxIo(Exchange exchange) {
        return exchange.connection().negotiated().largeMtu() ? exchange.server().options().maxIo() : CREDIT_BYTES;
    }

    /**
     * Refuses I/O that SMB byte-range locks forbid (MS-FSA 2.1.4.10): a read meets another open's
     * exclusive lock, a write any shared lock or another open's exclusive lock. Locks of other
     * protocols are advisory and do not stop SMB I/O.
     */
    static void checkLocks(Exchange exchange, Open open, long offset, long length, boolean write) {
        if (length == 0) {
            return;
        }
        for (LockInfo lock : exchange.server().leases().locks(open.handle())) {
            if (lock.waiting() || !lock.owner().protocol().equals("smb") || !ByteRangeLocks.overlaps(lock, offset, length)) {
                continue;
            }
            if (lock.exclusive() ? !open.byteLocks().owns(lock.owner()) : write) {
                throw new SmbStatusException(NtStatus.FILE_LOCK_CONFLICT, (write ? "write" : "read") + " of a locked range");
            }
        }
    }
}

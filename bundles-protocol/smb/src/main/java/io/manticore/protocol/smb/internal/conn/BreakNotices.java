package io.manticore.protocol.smb.internal.conn;

import io.manticore.api.lease.LeaseState;
import io.manticore.protocol.smb.internal.session.Caching;
import io.manticore.protocol.smb.internal.session.CachingGrant;
import io.manticore.protocol.smb.internal.session.Session;
import io.manticore.protocol.smb.internal.wire.Command;
import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The unsolicited OPLOCK_BREAK messages (MS-SMB2 2.2.23.1 oplock and 2.2.23.2 lease break
 * notifications, 3.3.4.6, 3.3.4.7): MessageId 0xFFFFFFFFFFFFFFFF, no session or tree in the
 * header, unsigned, and encrypted for the holder's session when it encrypts.
 */
public final class BreakNotices {

    private static final int OPLOCK_BODY = 24;
    private static final int LEASE_BODY = 44;
    private static final int ACK_REQUIRED = 0x01;

    private BreakNotices() {
    }

    /** Tells the client of {@code session} on {@code connection} of its grants' breaks. */
    public static CachingGrant.BreakNotifier to(SmbConnection connection, Session session, boolean encrypt) {
        return (grant, from, to, ackRequired) -> {
            Channel channel = connection.channel();
            if (!channel.isActive()) {
                return;
            }
            ByteBuf message = channel.alloc().buffer(Smb2Header.SIZE + LEASE_BODY);
            Smb2Header.writeResponse(message, Command.OPLOCK_BREAK, 0, 0, 0, 0, -1L, 0, 0, 0);
            if (grant.isLease()) {
                lease(message, grant, from, to, ackRequired);
            } else {
                oplock(message, grant, to);
            }
            boolean seal = (encrypt || session.encrypt()) && session.transformer() != null;
            channel.writeAndFlush(seal ? session.transformer().encrypt(message, session.id()) : message);
        };
    }

    private static void oplock(ByteBuf out, CachingGrant grant, LeaseState to) {
        out.writeShortLE(OPLOCK_BODY);
        out.writeByte(Caching.oplockOf(to) == Caching.OPLOCK_NONE ? Caching.OPLOCK_NONE : Caching.OPLOCK_LEVEL_II);
        out.writeByte(0);
        out.writeIntLE(0);
        grant.oplockFile().write(out);
    }

    private static void lease(ByteBuf out, CachingGrant grant, LeaseState from, LeaseState to, boolean ackRequired) {
        out.writeShortLE(LEASE_BODY);
        out.writeShortLE(grant.version() >= 2 ? grant.epoch() : 0);
        out.writeIntLE(ackRequired ? ACK_REQUIRED : 0);
        out.writeBytes(grant.leaseKey());
        out.writeIntLE(Caching.leaseOf(from));
        out.writeIntLE(Caching.leaseOf(to));
        out.writeZero(12);
    }
}

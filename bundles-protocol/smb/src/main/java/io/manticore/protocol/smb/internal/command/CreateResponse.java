package io.manticore.protocol.smb.internal.command;

import java.nio.charset.StandardCharsets;

import io.manticore.api.lease.Lease;
import io.manticore.api.vfs.Attrs;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.info.FileAttributes;
import io.manticore.protocol.smb.internal.info.Times;
import io.manticore.protocol.smb.internal.session.Caching;
import io.manticore.protocol.smb.internal.session.CachingGrant;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.netty.buffer.ByteBuf;

/** The CREATE response (MS-SMB2 2.2.14) and the create contexts it answers: MxAc (2.2.14.2.5), QFid (2.2.14.2.9), RqLs. */
final class CreateResponse {

    static final int OPENED = 1;
    static final int CREATED = 2;
    static final int OVERWRITTEN = 3;
    private static final int STRUCTURE_SIZE = 89;
    private static final int FIXED = 88;
    private static final String MAXIMAL_ACCESS = "MxAc";
    private static final String QUERY_ON_DISK_ID = "QFid";
    private static final String LEASE = "RqLs";
    private static final int LEASE_BREAK_IN_PROGRESS = 0x02;
    private static final int PIPE_ATTRIBUTES = FileAttributes.NORMAL;

    private CreateResponse() {
    }

    static Reply reply(Exchange exchange, CreateRequest request, Open open, Attrs attrs, int maximal, int action,
                       int oplockLevel) {
        ByteBuf body = exchange.alloc().buffer(FIXED + 160);
        fixed(body, action);
        body.setByte(2, oplockLevel);
        Times.write(body, attrs);
        body.writeLongLE(Times.allocation(attrs));
        body.writeLongLE(attrs.isDirectory() ? 0 : attrs.size());
        body.writeIntLE(FileAttributes.of(attrs, open.name()));
        body.writeIntLE(0);
        open.id().write(body);
        body.writeIntLE(0);
        body.writeIntLE(0);
        int start = body.writerIndex();
        int previous = -1;
        if (request.contexts().containsKey(MAXIMAL_ACCESS)) {
            previous = context(body, previous, MAXIMAL_ACCESS, 8);
            body.writeIntLE(0);
            body.writeIntLE(maximal);
        }
        if (request.contexts().containsKey(QUERY_ON_DISK_ID)) {
            previous = context(body, previous, QUERY_ON_DISK_ID, 32);
            body.writeLongLE(attrs.fileId());
            body.writeLongLE(open.handle().mountId().hashCode());
            body.writeZero(16);
        }
        CachingGrant grant = open.caching();
        if (grant != null && grant.isLease()) {
            previous = lease(body, previous, grant);
        }
        if (previous >= 0) {
            body.setIntLE(80, Smb2Header.SIZE + start);
            body.setIntLE(84, body.writerIndex() - start);
        } else {
            body.writeByte(0);
        }
        return Reply.ok(body);
    }

    /** The RqLs response context (MS-SMB2 2.2.14.2.10 v1, 2.2.14.2.11 v2): the lease key and the state granted. */
    private static int lease(ByteBuf body, int previous, CachingGrant grant) {
        Lease lease = grant.lease();
        int flags = lease.breakingTo() != null ? LEASE_BREAK_IN_PROGRESS : 0;
        int at = context(body, previous, LEASE, grant.version() >= 2 ? 52 : 32);
        body.writeBytes(grant.leaseKey());
        body.writeIntLE(Caching.leaseOf(lease.state()));
        body.writeIntLE(flags);
        body.writeLongLE(0);
        if (grant.version() >= 2) {
            body.writeZero(16);
            body.writeShortLE(grant.epoch());
            body.writeShortLE(0);
        }
        return at;
    }

    /** The reply of an open that truncated an existing file: action OVERWRITTEN, size 0. */
    static Reply overwritten(Reply opened) {
        ByteBuf body = opened.body();
        body.setIntLE(4, OVERWRITTEN);
        body.setLongLE(40, 0);
        body.setLongLE(48, 0);
        return opened;
    }

    static Reply pipe(Exchange exchange, Open open) {
        ByteBuf body = exchange.alloc().buffer(FIXED + 1);
        fixed(body, OPENED);
        body.writeZero(32 + 16);
        body.writeIntLE(PIPE_ATTRIBUTES);
        body.writeIntLE(0);
        open.id().write(body);
        body.writeLongLE(0);
        body.writeByte(0);
        return Reply.ok(body);
    }

    private static void fixed(ByteBuf body, int action) {
        body.writeShortLE(STRUCTURE_SIZE);
        body.writeByte(0);
        body.writeByte(0);
        body.writeIntLE(action);
    }

    /** Starts a context (8-aligned, chained from the previous one); returns where it starts. */
    private static int context(ByteBuf body, int previous, String name, int dataLength) {
        NegotiateContexts.align(body, Smb2Header.SIZE);
        int at = body.writerIndex();
        if (previous >= 0) {
            body.setIntLE(previous, at - previous);
        }
        body.writeIntLE(0);
        body.writeShortLE(16);
        body.writeShortLE(name.length());
        body.writeShortLE(0);
        body.writeShortLE(24);
        body.writeIntLE(dataLength);
        body.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        body.writeZero(4);
        return at;
    }
}

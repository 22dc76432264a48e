package io.manticore.protocol.smb.internal.command;

import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.lease.Lease;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.lease.LockOwner;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.session.Caching;
import io.manticore.protocol.smb.internal.session.CachingGrant;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.netty.buffer.ByteBuf;

/**
 * OPLOCK_BREAK requests: the client's acknowledgement of an oplock break (MS-SMB2 2.2.24.1,
 * 3.3.5.22.1) or of a lease break (2.2.24.2, 3.3.5.22.2), told apart by their structure size;
 * each completes the break in core's lease manager and is answered with the state kept.
 */
public final class OplockBreak implements SmbCommand {

    private static final int OPLOCK_ACK = 24;
    private static final int LEASE_ACK = 36;

    @Override
    public Needs needs() {
        return Needs.SESSION;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        Message request = exchange.message();
        int size = request.u16(0);
        if (size == LEASE_ACK) {
            request.expectStructure(LEASE_ACK);
            return CompletableFuture.completedFuture(leaseAck(exchange, request));
        }
        request.expectStructure(OPLOCK_ACK);
        return CompletableFuture.completedFuture(oplockAck(exchange, request));
    }

    private static Reply oplockAck(Exchange exchange, Message request) {
        int level = request.u8(2);
        Open open = exchange.open(FileId.read(request.bytes(), request.bytes().readerIndex() + 64 + 8));
        CachingGrant grant = open.caching();
        Lease lease = grant == null || grant.isLease() ? null : grant.lease();
        if (lease == null || lease.breakingTo() == null) {
            throw new SmbStatusException(NtStatus.INVALID_OPLOCK_PROTOCOL, "no oplock break in progress");
        }
        LeaseState kept = Caching.ofOplock(level);
        if (level != Caching.OPLOCK_NONE && level != Caching.OPLOCK_LEVEL_II || !lease.acknowledge(kept)) {
            throw new SmbStatusException(NtStatus.INVALID_OPLOCK_PROTOCOL, "oplock level " + level);
        }
        ByteBuf body = exchange.alloc().buffer(OPLOCK_ACK);
        body.writeShortLE(OPLOCK_ACK);
        body.writeByte(level);
        body.writeByte(0);
        body.writeIntLE(0);
        open.id().write(body);
        return Reply.ok(body);
    }

    private static Reply leaseAck(Exchange exchange, Message request) {
        byte[] leaseKey = request.bytes(8, 16);
        int bits = request.i32(24);
        LockOwner key = Create.leaseOwner(exchange.connection().negotiated().clientGuid(), leaseKey);
        CachingGrant grant = exchange.server().leaseGrants().find(key);
        if (grant == null) {
            throw new SmbStatusException(NtStatus.OBJECT_NAME_NOT_FOUND, "lease " + HexFormat.of().formatHex(leaseKey));
        }
        Lease lease = grant.lease();
        LeaseState breakingTo = lease == null ? null : lease.breakingTo();
        if (breakingTo == null) {
            throw new SmbStatusException(NtStatus.UNSUCCESSFUL, "no lease break in progress");
        }
        LeaseState kept = Caching.ofLease(bits);
        if ((bits & ~(Caching.LEASE_READ | Caching.LEASE_HANDLE | Caching.LEASE_WRITE)) != 0 || !kept.within(breakingTo)
                || !lease.acknowledge(kept)) {
            throw new SmbStatusException(NtStatus.REQUEST_NOT_ACCEPTED, "lease state " + bits + " for a break to " + breakingTo);
        }
        ByteBuf body = exchange.alloc().buffer(LEASE_ACK);
        body.writeShortLE(LEASE_ACK);
        body.writeShortLE(0);
        body.writeIntLE(0);
        body.writeBytes(leaseKey);
        body.writeIntLE(Caching.leaseOf(kept));
        body.writeLongLE(0);
        return Reply.ok(body);
    }
}

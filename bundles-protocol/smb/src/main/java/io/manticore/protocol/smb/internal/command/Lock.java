package io.manticore.protocol.smb.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.lease.LeaseManager;
import io.manticore.api.lease.LockRange;
import io.manticore.api.lease.LockResult;
import io.manticore.api.lease.LockStatus;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;

/**
 * LOCK (MS-SMB2 3.3.5.14): byte-range locks held by the open in core's lease manager, so they
 * conflict with NLM and NFSv4 locks. A single lock without FAIL_IMMEDIATELY waits, answered
 * STATUS_PENDING until granted or cancelled. Zero-length ranges conflict with nothing and are
 * granted without being recorded.
 */
public final class Lock implements SmbCommand {

    private static final int STRUCTURE_SIZE = 48;
    private static final int SHARED = 0x01;
    private static final int EXCLUSIVE = 0x02;
    private static final int UNLOCK = 0x04;
    private static final int FAIL_IMMEDIATELY = 0x10;
    private static final int MAX_LOCKS = 64;

    @Override
    public Needs needs() {
        return Needs.TREE;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        Message request = exchange.message();
        request.expectStructure(STRUCTURE_SIZE);
        int count = request.u16(2);
        Open open = exchange.open(FileId.read(request.bytes(), request.bytes().readerIndex() + 64 + 8));
        if (count == 0 || count > MAX_LOCKS || open.handle() == null) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, count + " locks");
        }
        List<Element> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = 24 + 24 * i;
            elements.add(new Element(request.i64(at), request.i64(at + 8), request.i32(at + 16)));
        }
        LeaseManager leases = exchange.server().leases();
        if ((elements.get(0).flags & UNLOCK) != 0) {
            for (Element e : elements) {
                if (e.flags != UNLOCK) {
                    throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "unlock mixed with lock flags");
                }
                if (e.length != 0 && !leases.unlock(open.handle(), open.owner(), e.range())) {
                    throw new SmbStatusException(NtStatus.RANGE_NOT_LOCKED, e.range().toString());
                }
            }
            return ok(exchange);
        }
        boolean wait = count == 1 && (elements.get(0).flags & FAIL_IMMEDIATELY) == 0;
        List<Element> taken = new ArrayList<>();
        for (Element e : elements) {
            int kind = e.flags & ~FAIL_IMMEDIATELY;
            if (kind != SHARED && kind != EXCLUSIVE || count > 1 && (e.flags & FAIL_IMMEDIATELY) == 0) {
                rollBack(leases, open, taken);
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "lock flags 0x" + Integer.toHexString(e.flags));
            }
            if (e.length == 0) {
                continue;
            }
            LockResult result = leases.lock(open.handle(), open.owner(), e.range(), kind == EXCLUSIVE, wait);
            if (result.status() == LockStatus.BLOCKED) {
                return blocked(exchange, result);
            }
            if (result.status() != LockStatus.GRANTED) {
                rollBack(leases, open, taken);
                throw new SmbStatusException(wait ? NtStatus.FILE_LOCK_CONFLICT : NtStatus.LOCK_NOT_GRANTED,
                        e.range().toString());
            }
            taken.add(e);
        }
        return ok(exchange);
    }

    private static CompletionStage<Reply> blocked(Exchange exchange, LockResult result) {
        CompletableFuture<Reply> later = new CompletableFuture<>();
        result.pending().completion().thenAccept(status -> later.complete(status == LockStatus.GRANTED
                ? Reply.ok(Bodies.empty(exchange, 4)) : Reply.error(NtStatus.LOCK_NOT_GRANTED)));
        later.whenComplete((reply, failure) -> {
            if (reply != null && reply.status() == NtStatus.CANCELLED) {
                result.pending().cancel();
            }
        });
        return CompletableFuture.completedFuture(Reply.pending(later));
    }

    private static void rollBack(LeaseManager leases, Open open, List<Element> taken) {
        for (Element e : taken) {
            leases.unlock(open.handle(), open.owner(), e.range());
        }
    }

    private static CompletionStage<Reply> ok(Exchange exchange) {
        return CompletableFuture.completedFuture(Reply.ok(Bodies.empty(exchange, 4)));
    }

    /** SMB2_LOCK_ELEMENT (MS-SMB2 2.2.26.1). */
    private record Element(long offset, long length, int flags) {
        LockRange range() {
            return new LockRange(offset, length);
        }
    }
}

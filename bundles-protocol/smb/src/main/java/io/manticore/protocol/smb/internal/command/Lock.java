package io.manticore.protocol.smb.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.lease.LeaseManager;
import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.api.lease.LockResult;
import io.manticore.api.lease.LockStatus;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.session.ByteRangeLocks;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;

/**
 * LOCK (MS-SMB2 3.3.5.14): byte-range locks with Windows semantics (see {@link ByteRangeLocks}),
 * each held in core's lease manager so they conflict with NLM and NFSv4 locks. A single lock
 * without FAIL_IMMEDIATELY waits, answered STATUS_PENDING until granted or cancelled. Zero-length
 * ranges conflict with nothing; they are kept so that they can be unlocked.
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
            return unlock(exchange, leases, open, elements);
        }
        boolean wait = count == 1 && (elements.get(0).flags & FAIL_IMMEDIATELY) == 0;
        List<ByteRangeLocks.Held> taken = new ArrayList<>();
        for (Element e : elements) {
            int kind = e.flags & ~FAIL_IMMEDIATELY;
            if (kind != SHARED && kind != EXCLUSIVE || count > 1 && (e.flags & FAIL_IMMEDIATELY) == 0) {
                rollBack(leases, open, taken);
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "lock flags 0x" + Integer.toHexString(e.flags));
            }
            if (e.wraps()) {
                rollBack(leases, open, taken);
                throw new SmbStatusException(NtStatus.INVALID_LOCK_RANGE, e.offset + "+" + e.length);
            }
            boolean exclusive = kind == EXCLUSIVE;
            if (e.length == 0 || !exclusive && onlyOwnExclusiveLocks(leases, open, e)) {
                // A zero-length lock is kept here only; a shared lock over this open's own exclusive
                // lock stacks on it (MS-FSA 2.1.5.7). Either may meet another open's lock.
                if (conflictsWithOthers(leases, open, e, exclusive)) {
                    rollBack(leases, open, taken);
                    throw new SmbStatusException(NtStatus.LOCK_NOT_GRANTED, e.offset + "+0");
                }
                taken.add(keep(open, e, exclusive, null));
                continue;
            }
            LockOwner owner = open.byteLocks().newOwner();
            LockResult result = leases.lock(open.handle(), owner, e.range(), exclusive, wait);
            if (result.status() == LockStatus.BLOCKED) {
                return blocked(exchange, open, e, owner, result);
            }
            if (result.status() == LockStatus.GRANTED) {
                taken.add(keep(open, e, exclusive, owner));
            } else {
                rollBack(leases, open, taken);
                throw new SmbStatusException(wait ? NtStatus.FILE_LOCK_CONFLICT : NtStatus.LOCK_NOT_GRANTED,
                        e.range().toString());
            }
        }
        return ok(exchange);
    }

    /** Unlocks one held lock per element, each on exactly its range; the first that matches none stops with RANGE_NOT_LOCKED. */
    private static CompletionStage<Reply> unlock(Exchange exchange, LeaseManager leases, Open open, List<Element> elements) {
        // Elements are done in order: one that fails stops the request, the unlocks before it stay done.
        for (Element e : elements) {
            if (e.flags != UNLOCK) {
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "unlock mixed with lock flags");
            }
            ByteRangeLocks.Held held = open.byteLocks().removeExact(e.offset, e.length);
            if (held == null) {
                throw new SmbStatusException(NtStatus.RANGE_NOT_LOCKED, e.offset + "+" + e.length);
            }
            if (held.owner() != null) {
                leases.releaseOwner(held.owner());
            }
        }
        return ok(exchange);
    }

    /** True when every held lock the range conflicts with is an exclusive lock of this same open. */
    private static boolean onlyOwnExclusiveLocks(LeaseManager leases, Open open, Element e) {
        boolean any = false;
        for (LockInfo l : leases.locks(open.handle())) {
            if (l.waiting() || !ByteRangeLocks.overlaps(l, e.offset, e.length) || !l.exclusive()) {
                continue;
            }
            if (!open.byteLocks().owns(l.owner())) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** True when another open's SMB lock conflicts with this request (MS-FSA 2.1.4.10 with lock intent). */
    private static boolean conflictsWithOthers(LeaseManager leases, Open open, Element e, boolean exclusive) {
        for (LockInfo l : leases.locks(open.handle())) {
            if (!l.waiting() && ByteRangeLocks.overlaps(l, e.offset, e.length) && !open.byteLocks().owns(l.owner())
                    && (l.exclusive() || exclusive)) {
                return true;
            }
        }
        return false;
    }

    private static ByteRangeLocks.Held keep(Open open, Element e, boolean exclusive, LockOwner owner) {
        ByteRangeLocks.Held held = new ByteRangeLocks.Held(e.offset, e.length, exclusive, owner);
        open.byteLocks().add(held);
        return held;
    }

    private static CompletionStage<Reply> blocked(Exchange exchange, Open open, Element e, LockOwner owner, LockResult result) {
        CompletableFuture<Reply> later = new CompletableFuture<>();
        result.pending().completion().thenAccept(status -> {
            if (status == LockStatus.GRANTED) {
                keep(open, e, (e.flags & EXCLUSIVE) != 0, owner);
                later.complete(Reply.ok(Bodies.empty(exchange, 4)));
            } else {
                later.complete(Reply.error(NtStatus.LOCK_NOT_GRANTED));
            }
        });
        later.whenComplete((reply, failure) -> {
            if (reply != null && reply.status() == NtStatus.CANCELLED) {
                result.pending().cancel();
            }
        });
        return CompletableFuture.completedFuture(Reply.pending(later));
    }

    private static void rollBack(LeaseManager leases, Open open, List<ByteRangeLocks.Held> taken) {
        for (ByteRangeLocks.Held held : taken) {
            open.byteLocks().removeExact(held.offset(), held.length());
            if (held.owner() != null) {
                leases.releaseOwner(held.owner());
            }
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

        /** True when the range runs past the last byte offset, 2^64 - 1 (MS-FSA 2.1.5.7: STATUS_INVALID_LOCK_RANGE). */
        boolean wraps() {
            return length != 0 && Long.compareUnsigned(length - 1, -1L - offset) > 0;
        }
    }
}

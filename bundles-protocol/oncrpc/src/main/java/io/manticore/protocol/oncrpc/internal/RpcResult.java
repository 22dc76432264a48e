package io.manticore.protocol.oncrpc.internal;

import java.util.function.Consumer;

import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** What a procedure answers; the dispatcher turns it into the reply for the call's xid. */
public sealed interface RpcResult {

    /** SUCCESS with results that {@code results} writes when the reply is built, on the event loop. */
    static RpcResult success(Consumer<XdrEncoder> results) {
        return new Written(results);
    }

    /** SUCCESS followed by {@code results} (already XDR-encoded), sent without a copy. Takes ownership of {@code results}. */
    static RpcResult success(ByteBuf results) {
        return new Appended(results);
    }

    /** An accepted call that failed: PROC_UNAVAIL, GARBAGE_ARGS or SYSTEM_ERR. */
    static RpcResult failure(AcceptStat stat) {
        if (stat == AcceptStat.SUCCESS || stat == AcceptStat.PROG_MISMATCH) {
            throw new IllegalArgumentException(stat + " is not a failure a procedure reports");
        }
        return new Failed(stat);
    }

    /** PROG_MISMATCH: the versions of the program that are served. */
    static RpcResult progMismatch(int low, int high) {
        return new Mismatch(low, high);
    }

    /** A call denied for its authentication. */
    static RpcResult authError(AuthStat why) {
        return new Denied(why);
    }

    /** Builds the reply. The result cannot be used again. */
    ByteBuf encode(ByteBufAllocator alloc, int xid);

    /** Drops a result that will not be sent, releasing what it holds. */
    default void discard() {
    }

    record Written(Consumer<XdrEncoder> results) implements RpcResult {
        @Override
        public ByteBuf encode(ByteBufAllocator alloc, int xid) {
            return RpcReplies.success(alloc, xid, results);
        }
    }

    record Appended(ByteBuf results) implements RpcResult {
        @Override
        public ByteBuf encode(ByteBufAllocator alloc, int xid) {
            return RpcReplies.success(alloc, xid, results);
        }

        @Override
        public void discard() {
            results.release();
        }
    }

    record Failed(AcceptStat stat) implements RpcResult {
        @Override
        public ByteBuf encode(ByteBufAllocator alloc, int xid) {
            return switch (stat) {
                case PROG_UNAVAIL -> RpcReplies.progUnavail(alloc, xid);
                case PROC_UNAVAIL -> RpcReplies.procUnavail(alloc, xid);
                case GARBAGE_ARGS -> RpcReplies.garbageArgs(alloc, xid);
                default -> RpcReplies.systemErr(alloc, xid);
            };
        }
    }

    record Mismatch(int low, int high) implements RpcResult {
        @Override
        public ByteBuf encode(ByteBufAllocator alloc, int xid) {
            return RpcReplies.progMismatch(alloc, xid, low, high);
        }
    }

    record Denied(AuthStat why) implements RpcResult {
        @Override
        public ByteBuf encode(ByteBufAllocator alloc, int xid) {
            return RpcReplies.authError(alloc, xid, why);
        }
    }
}

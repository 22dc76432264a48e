package io.manticore.protocol.oncrpc.internal;

import java.util.function.Consumer;

import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/** Builds RPC REPLY messages (RFC 5531 9, reply_body), each with an AUTH_NONE verifier. */
public final class RpcReplies {

    static final int CALL = 0;
    static final int REPLY = 1;
    private static final int MSG_ACCEPTED = 0;
    private static final int MSG_DENIED = 1;
    private static final int RPC_MISMATCH = 0;
    private static final int AUTH_ERROR = 1;

    private RpcReplies() {
    }

    /** MSG_ACCEPTED, SUCCESS, with the results {@code results} writes. */
    public static ByteBuf success(ByteBufAllocator alloc, int xid, Consumer<XdrEncoder> results) {
        ByteBuf reply = accepted(alloc, xid, AcceptStat.SUCCESS);
        try {
            results.accept(new XdrEncoder(reply));
        } catch (RuntimeException e) {
            reply.release();
            throw e;
        }
        return reply;
    }

    /** MSG_ACCEPTED, SUCCESS, followed by {@code results} without a copy. Takes ownership of {@code results}. */
    public static ByteBuf success(ByteBufAllocator alloc, int xid, ByteBuf results) {
        CompositeByteBuf reply = alloc.compositeBuffer(2);
        reply.addComponent(true, accepted(alloc, xid, AcceptStat.SUCCESS));
        reply.addComponent(true, results);
        return reply;
    }

    public static ByteBuf progUnavail(ByteBufAllocator alloc, int xid) {
        return accepted(alloc, xid, AcceptStat.PROG_UNAVAIL);
    }

    /** PROG_MISMATCH with the lowest and highest versions served. */
    public static ByteBuf progMismatch(ByteBufAllocator alloc, int xid, int low, int high) {
        ByteBuf reply = accepted(alloc, xid, AcceptStat.PROG_MISMATCH);
        reply.writeInt(low).writeInt(high);
        return reply;
    }

    public static ByteBuf procUnavail(ByteBufAllocator alloc, int xid) {
        return accepted(alloc, xid, AcceptStat.PROC_UNAVAIL);
    }

    public static ByteBuf garbageArgs(ByteBufAllocator alloc, int xid) {
        return accepted(alloc, xid, AcceptStat.GARBAGE_ARGS);
    }

    public static ByteBuf systemErr(ByteBufAllocator alloc, int xid) {
        return accepted(alloc, xid, AcceptStat.SYSTEM_ERR);
    }

    /** MSG_DENIED, RPC_MISMATCH with the lowest and highest RPC versions served. */
    public static ByteBuf rpcMismatch(ByteBufAllocator alloc, int xid, int low, int high) {
        ByteBuf reply = header(alloc, xid, MSG_DENIED);
        reply.writeInt(RPC_MISMATCH).writeInt(low).writeInt(high);
        return reply;
    }

    /** MSG_DENIED, AUTH_ERROR with {@code why}. */
    public static ByteBuf authError(ByteBufAllocator alloc, int xid, AuthStat why) {
        ByteBuf reply = header(alloc, xid, MSG_DENIED);
        reply.writeInt(AUTH_ERROR).writeInt(why.code());
        return reply;
    }

    private static ByteBuf accepted(ByteBufAllocator alloc, int xid, AcceptStat stat) {
        ByteBuf reply = header(alloc, xid, MSG_ACCEPTED);
        reply.writeInt(AuthFlavor.AUTH_NONE).writeInt(0).writeInt(stat.code());
        return reply;
    }

    private static ByteBuf header(ByteBufAllocator alloc, int xid, int replyStat) {
        ByteBuf reply = alloc.buffer();
        reply.writeInt(xid).writeInt(REPLY).writeInt(replyStat);
        return reply;
    }
}

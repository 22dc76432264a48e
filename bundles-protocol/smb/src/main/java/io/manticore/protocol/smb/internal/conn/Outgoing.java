package io.manticore.protocol.smb.internal.conn;

import java.util.function.Consumer;

import io.manticore.protocol.smb.internal.session.Session;
import io.manticore.protocol.smb.internal.wire.Command;
import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One response message before it is sent: its header and body, and how it is to be protected.
 * {@link Responses} sets NextCommand and padding, signs and sends it.
 */
public final class Outgoing {

    private static final int ERROR_STRUCTURE_SIZE = 9;

    private final ByteBuf header;
    private final ByteBuf body;
    private final Session session;
    private final boolean sign;
    private final boolean mayEncrypt;
    private final long asyncId;
    private final Consumer<ByteBuf> hook;

    private Outgoing(ByteBuf header, ByteBuf body, Session session, boolean sign, boolean mayEncrypt, long asyncId,
                     Consumer<ByteBuf> hook) {
        this.header = header;
        this.body = body;
        this.session = session;
        this.sign = sign;
        this.mayEncrypt = mayEncrypt;
        this.asyncId = asyncId;
        this.hook = hook;
    }

    /** The response to {@code exchange}'s request; an interim one (STATUS_PENDING, async) when the reply is pending. */
    public static Outgoing of(Exchange exchange, Reply reply, boolean related) {
        Smb2Header request = exchange.message().header();
        SmbConnection connection = exchange.connection();
        long asyncId = reply.isPending() ? connection.nextAsyncId() : 0;
        int flags = (related ? Smb2Header.FLAG_RELATED : 0) | (reply.isPending() ? Smb2Header.FLAG_ASYNC : 0);
        int credits = connection.credits().grant(request.credits());
        Session session = exchange.session();
        boolean sign = !reply.isPending() && session != null && session.signer() != null
                && (request.isSigned() || session.signingRequired() || exchange.signResponse());
        return build(exchange.alloc(), request, reply, flags, credits, asyncId, session, sign, exchange.tree() == null
                ? request.treeId() : exchange.tree().id(), exchange.responseHook());
    }

    /** The final response of a request that went asynchronous (MS-SMB2 3.3.4.2). */
    public static Outgoing asyncFinal(Exchange exchange, Reply reply, long asyncId) {
        Smb2Header request = exchange.message().header();
        Session session = exchange.session();
        boolean sign = session != null && session.signer() != null && (request.isSigned() || session.signingRequired());
        int credits = exchange.connection().credits().grant(0);
        return build(exchange.alloc(), request, reply, Smb2Header.FLAG_ASYNC, credits, asyncId, session, sign, 0, null);
    }

    private static Outgoing build(ByteBufAllocator alloc, Smb2Header request, Reply reply, int flags, int credits,
                                  long asyncId, Session session, boolean sign, int treeId, Consumer<ByteBuf> hook) {
        ByteBuf header = alloc.buffer(Smb2Header.SIZE);
        Smb2Header.writeResponse(header, request.command(), reply.status(), request.creditCharge(), credits,
                flags | (sign ? Smb2Header.FLAG_SIGNED : 0), request.messageId(), asyncId, treeId,
                session == null ? request.sessionId() : session.id());
        ByteBuf body = reply.body();
        if (body == null) {
            byte[] data = reply.errorData();
            body = alloc.buffer(8 + Math.max(1, data.length));
            body.writeShortLE(ERROR_STRUCTURE_SIZE);
            body.writeByte(0);
            body.writeByte(0);
            body.writeIntLE(data.length);
            if (data.length == 0) {
                body.writeByte(0);
            } else {
                body.writeBytes(data);
            }
        }
        boolean mayEncrypt = request.command() != Command.NEGOTIATE && request.command() != Command.SESSION_SETUP;
        return new Outgoing(header, body, session, sign, mayEncrypt, asyncId, hook);
    }

    public ByteBuf header() {
        return header;
    }

    public ByteBuf body() {
        return body;
    }

    public int length() {
        return header.readableBytes() + body.readableBytes();
    }

    public Session session() {
        return session;
    }

    public boolean sign() {
        return sign;
    }

    /** False for NEGOTIATE and SESSION_SETUP, which go in clear unless their request was encrypted. */
    public boolean mayEncrypt() {
        return mayEncrypt;
    }

    public long asyncId() {
        return asyncId;
    }

    public Consumer<ByteBuf> hook() {
        return hook;
    }

    public void release() {
        header.release();
        body.release();
    }
}

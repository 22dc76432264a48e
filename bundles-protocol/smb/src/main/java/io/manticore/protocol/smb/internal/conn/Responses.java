package io.manticore.protocol.smb.internal.conn;

import java.util.List;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.smb.internal.session.Session;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;

/** Sends responses: compounded with 8-byte alignment (MS-SMB2 3.3.4.1.3), each signed as needed, encrypted as a whole. */
public final class Responses {

    private static final int NEXT_COMMAND_OFFSET = 20;

    private Responses() {
    }

    /** Sends the responses of one frame; takes ownership of them. */
    public static void send(ChannelHandlerContext ctx, SmbConnection connection, List<Outgoing> responses,
                            Session encryptedBy) {
        if (responses.isEmpty()) {
            return;
        }
        CompositeByteBuf frame = ctx.alloc().compositeBuffer(responses.size() * 3);
        Session encryptFor = encryptedBy;
        for (int i = 0; i < responses.size(); i++) {
            Outgoing out = responses.get(i);
            boolean last = i == responses.size() - 1;
            int pad = last ? 0 : -out.length() & 7;
            if (!last) {
                out.header().setIntLE(NEXT_COMMAND_OFFSET, out.length() + pad);
            }
            CompositeByteBuf message = ctx.alloc().compositeBuffer(3);
            message.addComponents(true, out.header(), out.body());
            if (pad > 0) {
                message.addComponent(true, ctx.alloc().buffer(pad).writeZero(pad));
            }
            if (encryptFor == null && out.mayEncrypt() && out.session() != null && out.session().encrypt()) {
                encryptFor = out.session();
            }
            if (out.sign() && encryptedBy == null) {
                out.session().signer().sign(message);
            }
            if (out.hook() != null) {
                out.hook().accept(message);
            }
            frame.addComponent(true, message);
        }
        write(ctx, frame, encryptFor);
    }

    /**
     * Sends the final response of a pending request when {@code finalReply} completes; CANCEL
     * completes it with STATUS_CANCELLED.
     */
    public static void later(ChannelHandlerContext ctx, SmbConnection connection, Exchange exchange, long asyncId,
                             CompletionStage<Reply> finalReply) {
        long messageId = exchange.message().header().messageId();
        connection.pending().put(asyncId, new Pending(asyncId, messageId,
                () -> finalReply.toCompletableFuture().complete(Reply.error(NtStatus.CANCELLED))));
        finalReply.whenComplete((reply, failure) -> {
            connection.pending().remove(asyncId);
            Reply answer = failure == null ? reply : Reply.error(NtStatus.INTERNAL_ERROR);
            if (!ctx.channel().isActive()) {
                if (answer.body() != null) {
                    answer.body().release();
                }
                return;
            }
            Outgoing out = Outgoing.asyncFinal(exchange, answer, asyncId);
            send(ctx, connection, List.of(out), exchange.encrypted() ? exchange.session() : null);
        });
    }

    private static void write(ChannelHandlerContext ctx, ByteBuf frame, Session encryptFor) {
        ByteBuf wire = frame;
        if (encryptFor != null && encryptFor.transformer() != null) {
            wire = encryptFor.transformer().encrypt(frame, encryptFor.id());
        }
        ctx.writeAndFlush(wire);
    }
}

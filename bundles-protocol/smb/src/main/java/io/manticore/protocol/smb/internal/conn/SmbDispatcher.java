package io.manticore.protocol.smb.internal.conn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.protocol.smb.internal.command.SmbCommand;
import io.manticore.protocol.smb.internal.command.SmbCommand.Needs;
import io.manticore.protocol.smb.internal.crypto.CryptoException;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.error.VfsStatus;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Session;
import io.manticore.protocol.smb.internal.session.TreeConnect;
import io.manticore.protocol.smb.internal.wire.Command;
import io.manticore.protocol.smb.internal.wire.Dialect;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.manticore.protocol.smb.internal.wire.SmbDecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Runs the SMB2 messages of each frame (MS-SMB2 3.3.5.2): decrypts a transformed frame, splits a
 * compound, spends credits, finds the session and tree, verifies signatures, calls the command of
 * the table, and sends the responses compounded, signed or encrypted as the session requires.
 * Requests of one compound run in order; separate frames run concurrently.
 */
public final class SmbDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SmbDispatcher.class);
    private static final int SMB1_PROTOCOL_ID = 0xFF534D42;
    /** The most requests one compound may carry: bounds the work of one frame. */
    private static final int MAX_COMPOUND = 64;
    private static final int TRANSFORM_SESSION_ID_OFFSET = 44;

    private final SmbConnection connection;
    private final SmbCommand[] commands;
    private final Smb1Upgrade smb1;

    public SmbDispatcher(SmbConnection connection, SmbCommand[] commands, Smb1Upgrade smb1) {
        this.connection = connection;
        this.commands = commands;
        this.smb1 = smb1;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        int magic = frame.readableBytes() >= 4 ? frame.getInt(frame.readerIndex()) : 0;
        if (magic == Smb2Header.TRANSFORM_PROTOCOL_ID) {
            decrypt(ctx, frame);
        } else if (magic == Smb2Header.PROTOCOL_ID) {
            process(ctx, frame, null);
        } else if (magic == SMB1_PROTOCOL_ID && connection.negotiated() == null) {
            try {
                smb1.answer(ctx, connection, frame);
            } finally {
                frame.release();
            }
        } else {
            frame.release();
            violation(ctx, "a message that is not SMB2 (0x" + Integer.toHexString(magic) + ")");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        SessionTeardown.connectionClosed(connection);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("SMB connection from {} failed: {}", connection.remote(), cause.toString());
        ctx.close();
    }

    private void decrypt(ChannelHandlerContext ctx, ByteBuf frame) {
        if (frame.readableBytes() < TRANSFORM_SESSION_ID_OFFSET + 8) {
            frame.release();
            violation(ctx, "a transform header of " + frame.readableBytes() + " bytes");
            return;
        }
        long sessionId = frame.getLongLE(frame.readerIndex() + TRANSFORM_SESSION_ID_OFFSET);
        Session session = connection.session(sessionId);
        if (session == null || session.transformer() == null) {
            frame.release();
            violation(ctx, "an encrypted message for session " + Long.toHexString(sessionId) + " without keys");
            return;
        }
        ByteBuf plain;
        try {
            plain = session.transformer().decrypt(frame);
        } catch (CryptoException e) {
            violation(ctx, "a message that does not decrypt: " + e.getMessage());
            return;
        }
        if (plain.readableBytes() < 4 || plain.getInt(plain.readerIndex()) != Smb2Header.PROTOCOL_ID) {
            plain.release();
            violation(ctx, "an encrypted message that is not SMB2");
            return;
        }
        process(ctx, plain, session);
    }

    /** Runs a frame's requests; {@code encryptedBy} is the session whose key decrypted it, or null. */
    private void process(ChannelHandlerContext ctx, ByteBuf frame, Session encryptedBy) {
        List<Message> messages;
        try {
            messages = split(frame);
        } catch (SmbDecodeException e) {
            frame.release();
            violation(ctx, e.getMessage());
            return;
        }
        List<Outgoing> responses = new ArrayList<>(messages.size());
        CompletableFuture<Prior> chain = CompletableFuture.completedFuture(Prior.NONE);
        for (Message message : messages) {
            chain = chain.thenCompose(prior -> run(ctx, message, encryptedBy, prior, responses));
        }
        chain.whenComplete((prior, failure) -> {
            frame.release();
            if (failure != null) {
                responses.forEach(Outgoing::release);
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                violation(ctx, cause.getMessage());
                return;
            }
            Responses.send(ctx, connection, responses, encryptedBy);
        });
    }

    /** Runs one request after the previous one of its compound; a protocol violation fails the stage. */
    private CompletionStage<Prior> run(ChannelHandlerContext ctx, Message message, Session encryptedBy, Prior prior,
                                       List<Outgoing> responses) {
        Smb2Header header = message.header();
        connection.countCall();
        if (header.command() == Command.CANCEL) {
            cancel(header);
            return CompletableFuture.completedFuture(prior);
        }
        Negotiated negotiated = connection.negotiated();
        if (header.command() == Command.NEGOTIATE && negotiated != null && negotiated.dialect() != Dialect.SMB_2_WILDCARD) {
            // MS-SMB2 3.3.5.4: a second NEGOTIATE on a connection ends it.
            throw new SmbDecodeException("a second NEGOTIATE");
        }
        if (!connection.credits().spend(header.messageId(), header.charge())) {
            throw new SmbDecodeException("message id " + header.messageId() + " (charge " + header.charge()
                    + ") outside the credits granted");
        }
        boolean related = header.isRelated() && prior != Prior.NONE;
        long sessionId = related ? prior.sessionId() : header.sessionId();
        int treeId = related ? prior.treeId() : header.treeId();
        FileId relatedFile = related ? prior.file() : null;
        Session session = sessionId == 0 ? null : connection.session(sessionId);
        TreeConnect tree = session == null ? null : session.tree(treeId);
        Exchange exchange = new Exchange(connection, message, encryptedBy != null, session, tree, relatedFile);
        CompletionStage<Reply> reply;
        if (related && prior.failure() != 0) {
            // MS-SMB2 3.3.5.2.7.2: a related request after a failed one fails the same way.
            reply = CompletableFuture.completedFuture(Reply.error(prior.failure()));
        } else {
            reply = admit(exchange, sessionId, treeId);
        }
        return reply.handle((answer, failure) -> failure == null ? answer : Reply.error(statusOf(failure, header)))
                .thenApply(answer -> {
                    Outgoing out = Outgoing.of(exchange, answer, related);
                    responses.add(out);
                    if (answer.isPending()) {
                        Responses.later(ctx, connection, exchange, out.asyncId(), answer.later());
                    }
                    Session named = exchange.session();
                    int failed = answer.isError() && !answer.isPending() ? answer.status() : 0;
                    return new Prior(named == null ? sessionId : named.id(),
                            exchange.tree() == null ? treeId : exchange.tree().id(), exchange.file(), failed);
                });
    }

    /** Checks what the command needs (MS-SMB2 3.3.5.2.9, 3.3.5.2.11) and calls it. */
    private CompletionStage<Reply> admit(Exchange exchange, long sessionId, int treeId) {
        Smb2Header header = exchange.message().header();
        SmbCommand command = header.command() < commands.length ? commands[header.command()] : null;
        if (command == null) {
            return failed(NtStatus.INVALID_PARAMETER);
        }
        if (command.needs() != Needs.NOTHING && connection.negotiated() == null) {
            return failed(NtStatus.INVALID_PARAMETER);
        }
        Session session = exchange.session();
        if (session != null && session.isValid() && session.signer() != null && !exchange.encrypted()) {
            if (header.isSigned() ? !session.signer().verify(exchange.message().bytes()) : session.signingRequired()
                    && header.command() != Command.SESSION_SETUP) {
                LOG.warn("SMB {} from {} refused: {} signature", Command.name(header.command()), connection.remote(),
                        header.isSigned() ? "bad" : "missing");
                return failed(NtStatus.ACCESS_DENIED);
            }
        }
        if (command.needs() != Needs.NOTHING) {
            if (session == null || !session.isValid()) {
                return failed(NtStatus.USER_SESSION_DELETED);
            }
            if (session.encrypt() && !exchange.encrypted()) {
                return failed(NtStatus.ACCESS_DENIED);
            }
        }
        if (command.needs() == Needs.TREE) {
            TreeConnect tree = exchange.tree();
            if (tree == null) {
                return failed(NtStatus.NETWORK_NAME_DELETED);
            }
            if (tree.encrypt() && !exchange.encrypted()) {
                return failed(NtStatus.ACCESS_DENIED);
            }
        }
        try {
            return command.handle(exchange);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void cancel(Smb2Header header) {
        for (Pending pending : connection.pending().values()) {
            if (header.isAsync() ? pending.asyncId() == header.asyncId() : pending.messageId() == header.messageId()) {
                pending.cancel().run();
            }
        }
    }

    private int statusOf(Throwable failure, Smb2Header header) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof SmbDecodeException e) {
            LOG.debug("SMB {} from {} malformed: {}", Command.name(header.command()), connection.remote(), e.getMessage());
            return NtStatus.INVALID_PARAMETER;
        }
        int status = VfsStatus.of(cause);
        if (status == NtStatus.INTERNAL_ERROR) {
            LOG.warn("SMB {} from {} failed", Command.name(header.command()), connection.remote(), cause);
        }
        return status;
    }

    /** Splits a frame into its compound's messages; each ends where the previous NextCommand says. */
    private static List<Message> split(ByteBuf frame) {
        List<Message> messages = new ArrayList<>();
        int at = frame.readerIndex();
        int end = frame.writerIndex();
        while (true) {
            if (messages.size() == MAX_COMPOUND) {
                throw new SmbDecodeException("a compound of more than " + MAX_COMPOUND + " requests");
            }
            Smb2Header header = Smb2Header.read(frame.slice(at, end - at));
            int next = header.nextCommand();
            if (next != 0 && (next < Smb2Header.SIZE || (next & 7) != 0 || next > end - at)) {
                throw new SmbDecodeException("NextCommand " + next + " in a frame of " + (end - at) + " bytes");
            }
            int length = next == 0 ? end - at : next;
            messages.add(new Message(header, frame.slice(at, length)));
            if (next == 0) {
                return messages;
            }
            at += next;
        }
    }

    private static CompletionStage<Reply> failed(int status) {
        return CompletableFuture.failedFuture(new SmbStatusException(status));
    }

    private void violation(ChannelHandlerContext ctx, String what) {
        LOG.warn("SMB connection from {} closed: {}", connection.remote(), what);
        ctx.close();
    }

    /** What a related request takes from the one before it. */
    private record Prior(long sessionId, int treeId, FileId file, int failure) {
        static final Prior NONE = new Prior(0, 0, null, 0);
    }
}

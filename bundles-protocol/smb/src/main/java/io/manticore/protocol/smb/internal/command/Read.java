package io.manticore.protocol.smb.internal.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.ReadResult;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.session.Access;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;

/** READ (MS-SMB2 3.3.5.12): the backend's buffer goes to the socket without a copy. */
public final class Read implements SmbCommand {

    private static final int STRUCTURE_SIZE = 49;
    private static final int DATA_OFFSET = Smb2Header.SIZE + 16;

    @Override
    public Needs needs() {
        return Needs.TREE;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        Message request = exchange.message();
        request.expectStructure(STRUCTURE_SIZE);
        long length = request.u32(4);
        long offset = request.i64(8);
        Open open = exchange.open(FileId.read(request.bytes(), request.bytes().readerIndex() + 64 + 16));
        long minimum = request.u32(32);
        IoRules.check(exchange, length, IoRules.maxIo(exchange));
        if (open.pipe() != null) {
            ByteBuf data = open.pipe().read(exchange.alloc(), (int) length);
            return CompletableFuture.completedFuture(reply(exchange, data));
        }
        if (open.isDirectory()) {
            throw new SmbStatusException(NtStatus.INVALID_DEVICE_REQUEST, "read of a folder");
        }
        if (!open.granted(Access.READ_DATA) && !open.granted(Access.EXECUTE)) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "read without read access");
        }
        if (offset < 0) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "offset " + offset);
        }
        IoRules.checkLocks(exchange, open, offset, length, false);
        return exchange.server().vfs().read(open.cred(exchange.session().cred()), open.handle(), offset, (int) length)
                .thenApply(result -> answer(exchange, result, length, minimum));
    }

    private static Reply answer(Exchange exchange, ReadResult result, long requested, long minimum) {
        ByteBuf data = result.data();
        if (data.readableBytes() == 0 && requested > 0 || data.readableBytes() < minimum) {
            data.release();
            return Reply.error(NtStatus.END_OF_FILE);
        }
        return reply(exchange, data);
    }

    /** The response around {@code data}, which it takes. */
    private static Reply reply(Exchange exchange, ByteBuf data) {
        ByteBuf fixed = exchange.alloc().buffer(16);
        fixed.writeShortLE(17);
        fixed.writeByte(DATA_OFFSET);
        fixed.writeByte(0);
        fixed.writeIntLE(data.readableBytes());
        fixed.writeIntLE(0);
        fixed.writeIntLE(0);
        if (data.readableBytes() == 0) {
            data.release();
            return Reply.ok(fixed.writeByte(0));
        }
        CompositeByteBuf body = exchange.alloc().compositeBuffer(2);
        body.addComponents(true, fixed, data);
        return Reply.ok(body);
    }
}

package io.manticore.protocol.smb.internal.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Stability;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.session.Access;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.netty.buffer.ByteBuf;

/** WRITE (MS-SMB2 3.3.5.13): the request's bytes go to the backend without a copy. */
public final class Write implements SmbCommand {

    private static final int STRUCTURE_SIZE = 49;
    private static final int WRITE_THROUGH = 0x00000001;
    /** Offset 0xFFFFFFFFFFFFFFFF: write at the end of the file (MS-SMB2 3.3.5.13). */
    private static final long APPEND = -1L;

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
        IoRules.check(exchange, length, IoRules.maxIo(exchange));
        ByteBuf data = request.buffer(request.u16(2), length);
        if (open.pipe() != null) {
            int written = data.readableBytes();
            open.pipe().write(data);
            return CompletableFuture.completedFuture(reply(exchange, written));
        }
        if (open.isDirectory()) {
            throw new SmbStatusException(NtStatus.INVALID_DEVICE_REQUEST, "write to a folder");
        }
        if (!open.granted(Access.WRITE_DATA) && !open.granted(Access.APPEND_DATA)) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "write without write access");
        }
        if (offset < 0 && offset != APPEND) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "offset " + offset);
        }
        if (offset != APPEND) {
            IoRules.checkLocks(exchange, open, offset, length, true);
        }
        Stability stability = (request.i32(44) & WRITE_THROUGH) != 0 ? Stability.FILE_SYNC : Stability.UNSTABLE;
        var vfs = exchange.server().vfs();
        var cred = open.cred(exchange.session().cred());
        CompletionStage<Long> at = offset == APPEND
                ? vfs.getattr(cred, open.handle(), AttrMask.NONE).thenApply(attrs -> attrs.size())
                : CompletableFuture.completedFuture(offset);
        data.retain();
        return at.handle((where, failure) -> {
            if (failure != null) {
                data.release();
                return CompletableFuture.<Reply>failedFuture(failure);
            }
            return vfs.write(cred, open.handle(), where, data, stability)
                    .thenApply(result -> reply(exchange, result.count()));
        }).thenCompose(stage -> stage);
    }

    private static Reply reply(Exchange exchange, int count) {
        ByteBuf body = exchange.alloc().buffer(17);
        body.writeShortLE(17);
        body.writeShortLE(0);
        body.writeIntLE(count);
        body.writeIntLE(0);
        body.writeShortLE(0);
        body.writeShortLE(0);
        body.writeByte(0);
        return Reply.ok(body);
    }
}

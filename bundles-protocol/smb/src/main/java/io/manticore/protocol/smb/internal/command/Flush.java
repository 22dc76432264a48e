package io.manticore.protocol.smb.internal.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.session.Access;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;

/** FLUSH (MS-SMB2 3.3.5.11): commits the file's data to stable storage. */
public final class Flush implements SmbCommand {

    @Override
    public Needs needs() {
        return Needs.TREE;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        Message request = exchange.message();
        request.expectStructure(24);
        Open open = exchange.open(FileId.read(request.bytes(), request.bytes().readerIndex() + 64 + 8));
        if (open.handle() == null || open.isDirectory()) {
            return CompletableFuture.completedFuture(Reply.ok(Bodies.empty(exchange, 4)));
        }
        if (!open.granted(Access.WRITE_DATA) && !open.granted(Access.APPEND_DATA)) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "flush without write access");
        }
        return exchange.server().vfs().commit(exchange.session().cred(), open.handle(), 0, 0)
                .thenApply(done -> Reply.ok(Bodies.empty(exchange, 4)));
    }
}

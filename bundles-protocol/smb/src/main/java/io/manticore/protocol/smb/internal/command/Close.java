package io.manticore.protocol.smb.internal.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.protocol.smb.internal.SmbServer;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.info.FileAttributes;
import io.manticore.protocol.smb.internal.info.Times;
import io.manticore.protocol.smb.internal.session.Closer;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.wire.Message;
import io.netty.buffer.ByteBuf;

/** CLOSE (MS-SMB2 3.3.5.10): ends the open, with the file's attributes when POSTQUERY_ATTRIB asks. */
public final class Close implements SmbCommand {

    private static final int STRUCTURE_SIZE = 24;
    private static final int POSTQUERY_ATTRIB = 0x0001;

    @Override
    public Needs needs() {
        return Needs.TREE;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        Message request = exchange.message();
        request.expectStructure(STRUCTURE_SIZE);
        int flags = request.u16(2);
        Open open = exchange.open(FileId.read(request.bytes(), request.bytes().readerIndex() + 64 + 8));
        SmbServer server = exchange.server();
        boolean query = (flags & POSTQUERY_ATTRIB) != 0 && open.handle() != null && !open.deleteOnClose();
        CompletionStage<ByteBuf> body = query
                ? server.vfs().getattr(exchange.session().cred(), open.handle(), AttrMask.ALL).handle((attrs, failure) -> {
                    ByteBuf out = start(exchange, failure == null ? POSTQUERY_ATTRIB : 0);
                    if (failure == null) {
                        Times.write(out, attrs);
                        out.writeLongLE(Times.allocation(attrs));
                        out.writeLongLE(attrs.isDirectory() ? 0 : attrs.size());
                        out.writeIntLE(FileAttributes.of(attrs, open.name()));
                    } else {
                        out.writeZero(52);
                    }
                    return out;
                })
                : CompletableFuture.completedFuture(start(exchange, 0).writeZero(52));
        return body.thenCompose(out -> Closer.close(server.vfs(), server.leases(), exchange.session(), open)
                .thenApply(done -> Reply.ok(out)));
    }

    private static ByteBuf start(Exchange exchange, int flags) {
        ByteBuf out = exchange.alloc().buffer(60);
        out.writeShortLE(60);
        out.writeShortLE(flags);
        out.writeIntLE(0);
        return out;
    }
}

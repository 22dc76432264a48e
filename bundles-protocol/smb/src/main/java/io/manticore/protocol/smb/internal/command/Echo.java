package io.manticore.protocol.smb.internal.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;

/** ECHO (MS-SMB2 3.3.5.17): answered at once, session or not. */
public final class Echo implements SmbCommand {

    @Override
    public Needs needs() {
        return Needs.NOTHING;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        exchange.message().expectStructure(4);
        return CompletableFuture.completedFuture(Reply.ok(Bodies.empty(exchange, 4)));
    }
}

package io.manticore.protocol.smb.internal.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.conn.SessionTeardown;

/** LOGOFF (MS-SMB2 3.3.5.6): closes the session's opens and ends it; the response is still signed with its key. */
public final class Logoff implements SmbCommand {

    @Override
    public Needs needs() {
        return Needs.SESSION;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        exchange.message().expectStructure(4);
        SessionTeardown.end(exchange.connection(), exchange.session());
        return CompletableFuture.completedFuture(Reply.ok(Bodies.empty(exchange, 4)));
    }
}

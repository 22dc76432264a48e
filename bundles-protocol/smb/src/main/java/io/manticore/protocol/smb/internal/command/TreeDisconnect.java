package io.manticore.protocol.smb.internal.command;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.session.Closer;

/** TREE_DISCONNECT (MS-SMB2 3.3.5.8): closes the tree's opens and forgets it. */
public final class TreeDisconnect implements SmbCommand {

    @Override
    public Needs needs() {
        return Needs.TREE;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        exchange.message().expectStructure(4);
        exchange.session().disconnect(exchange.tree().id());
        return Closer.closeTree(exchange.server().vfs(), exchange.server().leases(), exchange.session(), exchange.tree())
                .thenApply(done -> Reply.ok(Bodies.empty(exchange, 4)));
    }
}

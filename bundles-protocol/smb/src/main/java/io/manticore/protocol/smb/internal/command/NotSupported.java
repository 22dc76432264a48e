package io.manticore.protocol.smb.internal.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.wire.NtStatus;

/** A command this server does not implement yet: STATUS_NOT_SUPPORTED, listed as missing in the README. */
public final class NotSupported implements SmbCommand {

    @Override
    public Needs needs() {
        return Needs.TREE;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        return CompletableFuture.completedFuture(Reply.error(NtStatus.NOT_SUPPORTED));
    }
}

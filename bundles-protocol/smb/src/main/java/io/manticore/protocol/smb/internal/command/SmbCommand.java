package io.manticore.protocol.smb.internal.command;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;

/** One SMB2 command's handling; the dispatcher has checked credits, session, signature and tree before. */
public interface SmbCommand {

    /** What the dispatcher must find before calling: nothing, a valid session, or a session and a tree connect. */
    enum Needs { NOTHING, SESSION, TREE }

    Needs needs();

    /** The reply; a failed stage with an SmbStatusException or VfsException becomes an ERROR response. */
    CompletionStage<Reply> handle(Exchange exchange);
}

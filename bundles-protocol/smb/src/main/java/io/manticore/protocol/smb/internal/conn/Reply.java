package io.manticore.protocol.smb.internal.conn;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.netty.buffer.ByteBuf;

/**
 * A command's answer: its status and body (the bytes after the header). A null body means an
 * SMB2 ERROR response (MS-SMB2 2.2.2) carrying {@code errorData}.
 */
public record Reply(int status, ByteBuf body, byte[] errorData, CompletionStage<Reply> later) {

    private static final byte[] NO_DATA = new byte[0];

    public Reply(int status, ByteBuf body, byte[] errorData) {
        this(status, body, errorData, null);
    }

    /**
     * An answer that comes later (MS-SMB2 3.3.4.2): the client gets an interim STATUS_PENDING
     * response now and the final one, asynchronous, when {@code finalReply} completes.
     */
    public static Reply pending(CompletionStage<Reply> finalReply) {
        return new Reply(NtStatus.PENDING, null, NO_DATA, finalReply);
    }

    public boolean isPending() {
        return later != null;
    }

    /** A successful reply; takes ownership of {@code body}. */
    public static Reply ok(ByteBuf body) {
        return new Reply(NtStatus.SUCCESS, body, null);
    }

    /** A reply whose status is not success but which has a command body (MORE_PROCESSING_REQUIRED, BUFFER_OVERFLOW). */
    public static Reply of(int status, ByteBuf body) {
        return new Reply(status, body, null);
    }

    public static Reply error(int status) {
        return new Reply(status, null, NO_DATA);
    }

    public static Reply error(int status, byte[] errorData) {
        return new Reply(status, null, errorData);
    }

    public boolean isError() {
        return body == null;
    }
}

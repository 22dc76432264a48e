package io.manticore.protocol.smb.internal.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.info.FileInfo;
import io.manticore.protocol.smb.internal.info.FsInfo;
import io.manticore.protocol.smb.internal.info.SecurityDescriptors;
import io.manticore.protocol.smb.internal.session.Access;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.netty.buffer.ByteBuf;

/**
 * QUERY_INFO (MS-SMB2 3.3.5.20): file, filesystem and security information. A buffer too small
 * for a fixed class is INFO_LENGTH_MISMATCH; a variable class is cut with BUFFER_OVERFLOW; a
 * security descriptor that does not fit is BUFFER_TOO_SMALL with the size it needs.
 */
public final class QueryInfo implements SmbCommand {

    static final int TYPE_FILE = 1;
    static final int TYPE_FILESYSTEM = 2;
    static final int TYPE_SECURITY = 3;
    private static final int STRUCTURE_SIZE = 41;
    private static final int FIXED_MINIMUM_ALL = 100;

    @Override
    public Needs needs() {
        return Needs.TREE;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        Message request = exchange.message();
        request.expectStructure(STRUCTURE_SIZE);
        int type = request.u8(2);
        int infoClass = request.u8(3);
        long outputLength = request.u32(4);
        int additional = request.i32(16);
        Open open = exchange.open(FileId.read(request.bytes(), request.bytes().readerIndex() + 64 + 24));
        IoRules.check(exchange, outputLength, IoRules.maxIo(exchange));
        if (open.handle() == null) {
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "query of a pipe");
        }
        Vfs vfs = exchange.server().vfs();
        Cred cred = exchange.session().cred();
        int max = (int) outputLength;
        switch (type) {
            case TYPE_FILE -> {
                if (infoClass == FileInfo.ALTERNATE_NAME) {
                    throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "no 8.3 names");
                }
                if (!FileInfo.supported(infoClass)) {
                    throw new SmbStatusException(infoClass == FileInfo.FULL_EA ? NtStatus.NO_EAS_ON_FILE
                            : NtStatus.INVALID_INFO_CLASS, "file class " + infoClass);
                }
                if (!open.granted(Access.READ_ATTRIBUTES)) {
                    throw new SmbStatusException(NtStatus.ACCESS_DENIED, "no READ_ATTRIBUTES");
                }
                return vfs.getattr(cred, open.handle(), AttrMask.ALL).thenApply(attrs -> {
                    ByteBuf out = exchange.alloc().buffer(128);
                    FileInfo.write(out, infoClass, open, attrs);
                    return answer(exchange, out, max, FileInfo.variable(infoClass),
                            infoClass == FileInfo.ALL ? FIXED_MINIMUM_ALL : 0);
                });
            }
            case TYPE_FILESYSTEM -> {
                if (!FsInfo.supported(infoClass)) {
                    throw new SmbStatusException(NtStatus.INVALID_INFO_CLASS, "filesystem class " + infoClass);
                }
                return vfs.statfs(cred, open.handle()).thenApply(stat -> {
                    ByteBuf out = exchange.alloc().buffer(64);
                    String label = exchange.tree().share();
                    FsInfo.write(out, infoClass, stat, label, label.hashCode(), exchange.server().startTime(),
                            exchange.server().options().caseInsensitive());
                    return answer(exchange, out, max, FsInfo.variable(infoClass), 0);
                });
            }
            case TYPE_SECURITY -> {
                if (!open.granted(Access.READ_CONTROL)) {
                    throw new SmbStatusException(NtStatus.ACCESS_DENIED, "no READ_CONTROL");
                }
                return vfs.getattr(cred, open.handle(), AttrMask.ALL).thenApply(attrs -> {
                    ByteBuf out = exchange.alloc().buffer(128);
                    SecurityDescriptors.write(out, attrs, additional);
                    if (out.readableBytes() > max) {
                        int needed = out.readableBytes();
                        out.release();
                        return Reply.error(NtStatus.BUFFER_TOO_SMALL, new byte[] {(byte) needed, (byte) (needed >> 8),
                            (byte) (needed >> 16), (byte) (needed >> 24)});
                    }
                    return reply(exchange, NtStatus.SUCCESS, out);
                });
            }
            default -> throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "information type " + type);
        }
    }

    private static Reply answer(Exchange exchange, ByteBuf out, int max, boolean variable, int minimum) {
        if (out.readableBytes() <= max) {
            return reply(exchange, NtStatus.SUCCESS, out);
        }
        if (!variable || max < minimum) {
            out.release();
            return Reply.error(NtStatus.INFO_LENGTH_MISMATCH);
        }
        out.writerIndex(out.readerIndex() + max);
        return reply(exchange, NtStatus.BUFFER_OVERFLOW, out);
    }

    private static Reply reply(Exchange exchange, int status, ByteBuf out) {
        ByteBuf fixed = exchange.alloc().buffer(8);
        fixed.writeShortLE(9);
        fixed.writeShortLE(Smb2Header.SIZE + 8);
        fixed.writeIntLE(out.readableBytes());
        if (out.readableBytes() == 0) {
            out.writeByte(0);
        }
        return Reply.of(status, exchange.alloc().compositeBuffer(2).addComponents(true, fixed, out));
    }
}

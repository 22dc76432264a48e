package io.manticore.protocol.smb.internal.command;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.TimeSpec;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.info.FileAttributes;
import io.manticore.protocol.smb.internal.info.FileInfo;
import io.manticore.protocol.smb.internal.session.Access;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.session.Resolver;
import io.manticore.protocol.smb.internal.session.SmbNames;
import io.manticore.protocol.smb.internal.wire.FileTime;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.netty.buffer.ByteBuf;

/**
 * SET_INFO (MS-SMB2 3.3.5.21) for files: basic (times, read-only), rename and hard link, delete
 * disposition, end of file, allocation, position and mode. Security descriptors and quotas are
 * not settable: NOT_SUPPORTED.
 */
public final class SetInfo implements SmbCommand {

    private static final int STRUCTURE_SIZE = 33;
    private static final int MAX_BUFFER = 64 * 1024;
    private static final int DISPOSITION_EX_DELETE = 0x1;

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
        long length = request.u32(4);
        if (length > MAX_BUFFER) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "information of " + length + " bytes");
        }
        ByteBuf in = request.buffer(request.u16(8), length);
        Open open = exchange.open(FileId.read(request.bytes(), request.bytes().readerIndex() + 64 + 16));
        if (type != QueryInfo.TYPE_FILE || open.handle() == null) {
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "set information type " + type);
        }
        if (exchange.tree().readOnly() && infoClass != FileInfo.POSITION && infoClass != FileInfo.MODE) {
            throw new SmbStatusException(NtStatus.MEDIA_WRITE_PROTECTED, "read-only share");
        }
        CompletionStage<?> done = switch (infoClass) {
            case FileInfo.BASIC -> basic(exchange, open, in);
            case FileInfo.RENAME -> rename(exchange, open, in, false);
            case FileInfo.LINK -> rename(exchange, open, in, true);
            case FileInfo.DISPOSITION -> disposition(exchange, open, need(in, 1).getByte(in.readerIndex()) != 0);
            case FileInfo.DISPOSITION_EX -> disposition(exchange, open,
                    (need(in, 4).getIntLE(in.readerIndex()) & DISPOSITION_EX_DELETE) != 0);
            case FileInfo.END_OF_FILE -> size(exchange, open, need(in, 8).getLongLE(in.readerIndex()), false);
            case FileInfo.ALLOCATION -> size(exchange, open, need(in, 8).getLongLE(in.readerIndex()), true);
            case FileInfo.POSITION -> {
                open.position(need(in, 8).getLongLE(in.readerIndex()));
                yield CompletableFuture.completedFuture(null);
            }
            case FileInfo.MODE -> {
                open.mode(need(in, 4).getIntLE(in.readerIndex()));
                yield CompletableFuture.completedFuture(null);
            }
            case FileInfo.FULL_EA -> throw new SmbStatusException(NtStatus.EAS_NOT_SUPPORTED, "extended attributes");
            default -> throw new SmbStatusException(NtStatus.INVALID_INFO_CLASS, "set file class " + infoClass);
        };
        return done.thenApply(ignored -> Reply.ok(Bodies.empty(exchange, 2)));
    }

    /** FILE_BASIC_INFORMATION: a time of 0 or -1 leaves it; attributes of 0 leave them. */
    private static CompletionStage<?> basic(Exchange exchange, Open open, ByteBuf in) {
        need(in, 36);
        require(open, Access.WRITE_ATTRIBUTES);
        int at = in.readerIndex();
        long creation = in.getLongLE(at);
        long access = in.getLongLE(at + 8);
        long write = in.getLongLE(at + 16);
        int attributes = in.getIntLE(at + 32);
        SetAttrs set = SetAttrs.NONE.withTimes(time(access), time(write));
        if (creation > 0) {
            set = set.withBirthtime(FileTime.toNanos(creation));
        }
        Vfs vfs = exchange.server().vfs();
        Cred cred = open.cred(exchange.session().cred());
        if (attributes == 0 || open.isDirectory()) {
            return set.isEmpty() ? CompletableFuture.completedFuture(null)
                    : vfs.setattr(cred, open.handle(), set, Guard.NONE);
        }
        SetAttrs times = set;
        return vfs.getattr(cred, open.handle(), AttrMask.ALL).thenCompose(attrs -> {
            int mode = FileAttributes.mode(attrs.mode(), attributes);
            SetAttrs all = mode == attrs.mode() ? times : times.withMode(mode);
            return all.isEmpty() ? CompletableFuture.completedFuture(null)
                    : vfs.setattr(cred, open.handle(), all, Guard.NONE);
        });
    }

    /** FILE_RENAME_INFORMATION (SMB2 form): ReplaceIfExists, RootDirectory (0), and the new share-relative name. */
    private static CompletionStage<?> rename(Exchange exchange, Open open, ByteBuf in, boolean link) {
        need(in, 20);
        if (!link) {
            require(open, Access.DELETE);
        }
        int at = in.readerIndex();
        boolean replace = in.getByte(at) != 0;
        long nameLength = in.getUnsignedIntLE(at + 16);
        if (nameLength > in.readableBytes() - 20 || (nameLength & 1) != 0 || nameLength == 0) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "rename name of " + nameLength + " bytes");
        }
        String target = in.toString(at + 20, (int) nameLength, StandardCharsets.UTF_16LE);
        List<String> components = SmbNames.split(target);
        if (components.isEmpty()) {
            throw new SmbStatusException(NtStatus.OBJECT_NAME_INVALID, "rename to the share root");
        }
        if (open.parent() == null) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "rename of the share root");
        }
        Vfs vfs = exchange.server().vfs();
        Cred cred = open.cred(exchange.session().cred());
        Resolver resolver = new Resolver(vfs, exchange.server().options().caseInsensitive(), exchange.server().folded());
        String newName = components.get(components.size() - 1);
        String newPath = SmbNames.join(components);
        return resolver.parent(cred, exchange.tree().root(), components).thenCompose(dir ->
                resolver.entry(cred, dir.fh(), newName).thenCompose(existing -> {
                    boolean sameFile = existing != null && existing.lookup().fh().equals(open.handle());
                    if (existing != null && !replace && !sameFile) {
                        throw new SmbStatusException(NtStatus.OBJECT_NAME_COLLISION, newPath);
                    }
                    if (link) {
                        return vfs.link(cred, open.handle(), dir.fh(), newName).thenApply(r -> null);
                    }
                    // A case-only rename keeps the new case; replacing another entry must remove it under its own case.
                    CompletionStage<?> cleared = existing != null && !sameFile && !existing.name().equals(newName)
                            ? (existing.lookup().attrs().isDirectory() ? vfs.rmdir(cred, dir.fh(), existing.name())
                                    : vfs.remove(cred, dir.fh(), existing.name()))
                            : CompletableFuture.completedFuture(null);
                    return cleared.thenCompose(c -> vfs.rename(cred, open.parent(), open.name(), dir.fh(), newName)).thenApply(r -> {
                        open.movedTo(dir.fh(), newName, newPath);
                        return null;
                    });
                }));
    }

    private static CompletionStage<?> disposition(Exchange exchange, Open open, boolean delete) {
        require(open, Access.DELETE);
        if (open.parent() == null) {
            throw new SmbStatusException(NtStatus.CANNOT_DELETE, "the share root");
        }
        if (!delete || !open.isDirectory()) {
            open.deleteOnClose(delete);
            return CompletableFuture.completedFuture(null);
        }
        return exchange.server().vfs().readdir(exchange.session().cred(), open.handle(), 0, 0, 1, AttrMask.NONE)
                .thenApply(page -> {
                    if (!page.entries().isEmpty()) {
                        throw new SmbStatusException(NtStatus.DIRECTORY_NOT_EMPTY, open.path());
                    }
                    open.deleteOnClose(true);
                    return null;
                });
    }

    /** End of file sets the size; an allocation smaller than the size truncates, a larger one is a hint. */
    private static CompletionStage<?> size(Exchange exchange, Open open, long size, boolean allocation) {
        require(open, Access.WRITE_DATA);
        if (size < 0 || open.isDirectory()) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "size " + size);
        }
        Vfs vfs = exchange.server().vfs();
        Cred cred = open.cred(exchange.session().cred());
        if (!allocation) {
            return vfs.setattr(cred, open.handle(), SetAttrs.NONE.withSize(size), Guard.NONE);
        }
        return vfs.getattr(cred, open.handle(), AttrMask.ALL).thenCompose(attrs -> size < attrs.size()
                ? vfs.setattr(cred, open.handle(), SetAttrs.NONE.withSize(size), Guard.NONE)
                : CompletableFuture.completedFuture(null));
    }

    private static TimeSpec time(long fileTime) {
        return fileTime == 0 || fileTime == -1 ? null : TimeSpec.of(FileTime.toNanos(fileTime));
    }

    private static void require(Open open, int access) {
        if (!open.granted(access)) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "access " + Integer.toHexString(access) + " not granted");
        }
    }

    private static ByteBuf need(ByteBuf in, int bytes) {
        if (in.readableBytes() < bytes) {
            throw new SmbStatusException(NtStatus.INFO_LENGTH_MISMATCH, "information of " + in.readableBytes() + " bytes");
        }
        return in;
    }
}

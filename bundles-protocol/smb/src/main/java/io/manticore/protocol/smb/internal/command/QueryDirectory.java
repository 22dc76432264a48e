package io.manticore.protocol.smb.internal.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.info.DirectoryInfo;
import io.manticore.protocol.smb.internal.info.Wildcard;
import io.manticore.protocol.smb.internal.session.Access;
import io.manticore.protocol.smb.internal.session.DirectoryScan;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.session.Resolver;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.netty.buffer.ByteBuf;

/**
 * QUERY_DIRECTORY (MS-SMB2 3.3.5.18): pages a folder through the VFS, filtered by the search
 * pattern, "." and ".." first; an exact name is looked up rather than scanned for.
 */
public final class QueryDirectory implements SmbCommand {

    private static final int STRUCTURE_SIZE = 33;
    private static final int RESTART_SCANS = 0x01;
    private static final int RETURN_SINGLE_ENTRY = 0x02;
    private static final int REOPEN = 0x10;
    private static final int PAGE = 512;
    private static final int MAX_PATTERN_BYTES = 2 * 255;

    @Override
    public Needs needs() {
        return Needs.TREE;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        Message request = exchange.message();
        request.expectStructure(STRUCTURE_SIZE);
        int infoClass = request.u8(2);
        int flags = request.u8(3);
        Open open = exchange.open(FileId.read(request.bytes(), request.bytes().readerIndex() + 64 + 8));
        int patternLength = request.u16(26);
        long outputLength = request.u32(28);
        if (!DirectoryInfo.supported(infoClass)) {
            throw new SmbStatusException(NtStatus.INVALID_INFO_CLASS, "directory class " + infoClass);
        }
        if (!open.isDirectory() || open.handle() == null) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "query of a file");
        }
        if (!open.granted(Access.READ_DATA)) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "list without read access");
        }
        if (patternLength > MAX_PATTERN_BYTES) {
            throw new SmbStatusException(NtStatus.OBJECT_NAME_INVALID, "pattern of " + patternLength + " bytes");
        }
        IoRules.check(exchange, outputLength, IoRules.maxIo(exchange));
        String pattern = patternLength == 0 ? null : request.utf16(request.u16(24), patternLength);
        synchronized (open) {
            DirectoryScan scan = open.scan();
            // INDEX_SPECIFIED is ignored, as NTFS does (MS-FSA 2.1.5.6.3): jcifs sets it with index 0 on every page.
            if (!scan.started() || (flags & (RESTART_SCANS | REOPEN)) != 0) {
                scan.restart(pattern == null ? "*" : pattern);
            }
        }
        Page page = new Page(exchange, open, infoClass, (int) outputLength, (flags & RETURN_SINGLE_ENTRY) != 0);
        return page.fill();
    }

    /** One response's worth of entries. */
    private static final class Page {

        private final Exchange exchange;
        private final Open open;
        private final DirectoryScan scan;
        private final int infoClass;
        private final int capacity;
        private final boolean single;
        private final ByteBuf out;
        private int lastEntry = -1;
        private int count;
        private boolean overflowed;

        Page(Exchange exchange, Open open, int infoClass, int capacity, boolean single) {
            this.exchange = exchange;
            this.open = open;
            this.scan = open.scan();
            this.infoClass = infoClass;
            this.capacity = capacity;
            this.single = single;
            this.out = exchange.alloc().buffer(Math.min(capacity, 65536) + 8);
        }

        CompletionStage<Reply> fill() {
            Vfs vfs = exchange.server().vfs();
            Cred cred = exchange.session().cred();
            CompletionStage<Void> dots = scan.dotsReturned() < 2
                    ? vfs.getattr(cred, open.handle(), AttrMask.ALL).thenAccept(this::dots)
                    : CompletableFuture.completedFuture(null);
            return dots.thenCompose(done -> more(vfs, cred)).handle((reply, failure) -> {
                if (failure != null) {
                    out.release();
                    throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
                }
                return reply;
            });
        }

        private void dots(Attrs dirAttrs) {
            while (scan.dotsReturned() < 2 && !full()) {
                String name = scan.dotsReturned() == 0 ? "." : "..";
                if (Wildcard.matches(scan.pattern(), name) && !add(name, dirAttrs)) {
                    return;
                }
                scan.dotReturned();
            }
        }

        private CompletionStage<Reply> more(Vfs vfs, Cred cred) {
            while (!full() && !scan.pending().isEmpty()) {
                DirEntry entry = scan.pending().peekFirst();
                if (!add(entry.name(), entry.attrs())) {
                    return CompletableFuture.completedFuture(finish());
                }
                scan.pending().pollFirst();
            }
            if (full() || scan.eof()) {
                return CompletableFuture.completedFuture(finish());
            }
            if (!Wildcard.hasWildcards(scan.pattern())) {
                return exact(vfs, cred);
            }
            return vfs.readdir(cred, open.handle(), scan.cookie(), scan.verifier(), PAGE, AttrMask.ALL)
                    .thenCompose(page -> {
                        long next = page.entries().isEmpty() ? scan.cookie()
                                : page.entries().get(page.entries().size() - 1).cookie();
                        scan.advance(next, page.verifier(), page.eof() || page.entries().isEmpty());
                        for (DirEntry entry : page.entries()) {
                            if (entry.attrs() != null && Wildcard.matches(scan.pattern(), entry.name())) {
                                scan.pending().addLast(entry);
                            }
                        }
                        return more(vfs, cred);
                    });
        }

        private CompletionStage<Reply> exact(Vfs vfs, Cred cred) {
            Resolver resolver = new Resolver(vfs, exchange.server().options().caseInsensitive(), exchange.server().folded());
            return resolver.entry(cred, open.handle(), scan.pattern()).thenCompose(entry -> {
                scan.advance(0, 0, true);
                if (entry != null) {
                    Lookup found = entry.lookup();
                    scan.pending().addLast(new DirEntry(entry.name(), 0, found.attrs().fileId(), found.fh(),
                            found.attrs()));
                    return more(vfs, cred);
                }
                return CompletableFuture.completedFuture(finish());
            });
        }

        /** Adds an entry when it fits; false when it does not. */
        private boolean add(String name, Attrs attrs) {
            int at = (out.writerIndex() + 7) & ~7;
            int size = DirectoryInfo.size(infoClass, name);
            if (at + size > capacity) {
                overflowed = true;
                return false;
            }
            out.writeZero(at - out.writerIndex());
            if (lastEntry >= 0) {
                out.setIntLE(lastEntry, at - lastEntry);
            }
            lastEntry = at;
            DirectoryInfo.write(out, infoClass, name, attrs, 0);
            count++;
            scan.returned();
            return true;
        }

        private boolean full() {
            return single && count > 0;
        }

        private Reply finish() {
            if (count == 0) {
                out.release();
                if (overflowed) {
                    return Reply.error(NtStatus.INFO_LENGTH_MISMATCH);
                }
                return Reply.error(scan.returnedAny() ? NtStatus.NO_MORE_FILES : NtStatus.NO_SUCH_FILE);
            }
            ByteBuf header = exchange.alloc().buffer(8);
            header.writeShortLE(9);
            header.writeShortLE(Smb2Header.SIZE + 8);
            header.writeIntLE(out.readableBytes());
            return Reply.ok(exchange.alloc().compositeBuffer(2).addComponents(true, header, out));
        }
    }
}

package io.manticore.protocol.nfs3.internal.nfs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.DirPage;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.nfscommon.internal.handle.WireHandles;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/**
 * One page of READDIR or READDIRPLUS (RFC 1813 3.3.16–17). A listing from cookie 0 starts
 * with "." (cookie 1) and ".." (cookie 2), as Linux's and ganesha's servers list them; the
 * VFS's own cookies never take those values. Entries are added while they fit the client's
 * byte budget; the page ends early (eof FALSE) when the next would not.
 */
final class DirListing {

    static final long DOT = 1;
    static final long DOTDOT = 2;
    /** The reply without entries: status, post_op_attr, cookieverf, list end, eof. */
    private static final int FIXED = 4 + 4 + 84 + 8 + 4 + 4;
    private static final int MAX_ENTRIES = 4096;

    private final Nfs3Request request;
    private final Target dir;
    private final boolean plus;
    private final int maxBytes;
    private final int maxDirBytes;

    /**
     * @param maxBytes    the reply budget (READDIR count, READDIRPLUS maxcount)
     * @param maxDirBytes READDIRPLUS dircount: the budget of fileid, name and cookie alone
     */
    DirListing(Nfs3Request request, Target dir, boolean plus, int maxBytes, int maxDirBytes) {
        this.request = request;
        this.dir = dir;
        this.plus = plus;
        this.maxBytes = maxBytes;
        this.maxDirBytes = maxDirBytes;
    }

    CompletionStage<RpcResult> page(long cookie, long verifier) {
        AttrMask want = plus ? AttrMask.ALL : AttrMask.NONE;
        int wanted = Math.max(1, Math.min(MAX_ENTRIES, (maxBytes - FIXED) / (plus ? 160 : 28)));
        long from = cookie <= DOTDOT ? 0 : cookie;
        long verf = cookie <= DOTDOT ? 0 : verifier;
        CompletionStage<List<DirEntry>> dots = cookie >= DOTDOT ? CompletableFuture.completedFuture(List.of()) : dots(cookie);
        return dots.thenCompose(first -> request.vfs().readdir(dir.cred(), dir.fh(), from, verf, wanted, want)
                .thenApply(page -> reply(first, page)));
    }

    private CompletionStage<List<DirEntry>> dots(long cookie) {
        return ExportRoot.parentWithin(request, dir).thenApply(parent -> {
            List<DirEntry> dots = new ArrayList<>(2);
            if (cookie < DOT) {
                dots.add(new DirEntry(".", DOT, parent.dirAttrs() != null ? fileId(parent.dirAttrs()) : 0,
                        dir.fh(), parent.dirAttrs()));
            }
            dots.add(new DirEntry("..", DOTDOT, fileId(parent.attrs()), parent.fh(), parent.attrs()));
            return dots;
        });
    }

    private RpcResult reply(List<DirEntry> dots, DirPage page) {
        List<DirEntry> all = new ArrayList<>(dots.size() + page.entries().size());
        all.addAll(dots);
        all.addAll(page.entries());
        int bytes = FIXED;
        int dirBytes = 0;
        int fit = 0;
        for (DirEntry e : all) {
            int nameBytes = 4 + padded(utf8Length(e.name()));
            int dirPart = 8 + nameBytes + 8;
            int size = 4 + dirPart + (plus ? 4 + 84 + 4 + 4 + padded(WireHandles.MAX_BYTES) : 0);
            if (bytes + size > maxBytes || (plus && dirBytes + dirPart > maxDirBytes)) {
                break;
            }
            bytes += size;
            dirBytes += dirPart;
            fit++;
        }
        if (fit == 0 && !all.isEmpty()) {
            throw new VfsException(VfsError.TOOSMALL, "the first entry does not fit " + maxBytes + " bytes");
        }
        boolean eof = page.eof() && fit == all.size();
        List<DirEntry> sent = all.subList(0, fit);
        Attrs dirAttrs = page.dirAttrs();
        return Nfs3Procedure.ok(out -> {
            Nfs3Xdr.postOp(out, dirAttrs, dir.fsid());
            out.writeHyper(page.verifier());
            for (DirEntry e : sent) {
                out.writeBool(true);
                out.writeHyper(e.fileId());
                out.writeString(e.name());
                out.writeHyper(e.cookie());
                if (plus) {
                    Nfs3Xdr.postOp(out, e.attrs(), dir.fsid());
                    writeHandle(out, e.fh());
                }
            }
            out.writeBool(false);
            out.writeBool(eof);
        });
    }

    private void writeHandle(XdrEncoder out, FileHandle fh) {
        if (fh == null) {
            out.writeBool(false);
            return;
        }
        out.writeBool(true);
        request.writeHandle(out, dir, fh);
    }

    private static long fileId(Attrs a) {
        return a == null ? 0 : a.fileId();
    }

    private static int padded(int length) {
        return length + XdrDecoder.padding(length);
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}

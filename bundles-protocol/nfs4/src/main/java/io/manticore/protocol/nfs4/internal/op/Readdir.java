package io.manticore.protocol.nfs4.internal.op;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.FsStat;
import io.manticore.protocol.nfs4.internal.attr.AttrEncoder;
import io.manticore.protocol.nfs4.internal.attr.AttrSource;
import io.manticore.protocol.nfs4.internal.attr.Bitmap;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.fh.PseudoFh;
import io.manticore.protocol.nfs4.internal.pseudo.PseudoNode;
import io.manticore.protocol.nfs4.internal.pseudo.PseudoTree;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * READDIR (RFC 7530 16.24): the entries after a cookie, each with the attributes asked for, as
 * many as fit maxcount (TOOSMALL when not even one does). Cookies and the cookie verifier are the
 * VFS's; "." and ".." are not listed. A pseudo directory lists the directories and exports below
 * it, cookie 3 onwards (0, 1 and 2 are reserved by RFC 7530 16.24.4).
 */
final class Readdir implements Operation<Readdir.Args> {

    /** The fixed part of READDIR4resok: cookieverf, the end of the list, eof. */
    private static final int FIXED = 8 + 4 + 4;
    /** The least bytes one entry takes without attributes: the list marker, cookie, name length and bitmap and vals lengths. */
    private static final int ENTRY_MIN = 4 + 8 + 4 + 4 + 4;
    private static final int MAX_ENTRIES = 4096;
    private static final long FIRST_PSEUDO_COOKIE = 3;
    private static final byte[] NO_HANDLE = new byte[0];

    record Args(long cookie, long verifier, long dirCount, long maxCount, BitSet requested) {
    }

    /** One entry to list: its name, cookie and attributes (null when they could not be read). */
    private record Listed(String name, long cookie, AttrSource attrs) {
    }

    @Override
    public int opcode() {
        return Opcodes.READDIR;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(in.readUnsignedHyper(), Nfs4Xdr.readVerifier(in), in.readUnsignedInt(), in.readUnsignedInt(),
                Bitmap.read(in));
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        int maxCount = (int) Math.min(args.maxCount(), Fattr.MAX_IO);
        if (maxCount < FIXED + ENTRY_MIN) {
            throw new Nfs4Exception(Nfs4Status.TOOSMALL, "maxcount " + args.maxCount());
        }
        if (args.cookie() == 1 || args.cookie() == 2) {
            throw new Nfs4Exception(Nfs4Status.BAD_COOKIE, "cookie " + args.cookie() + " is reserved");
        }
        return switch (c.fh()) {
            case PseudoFh p -> pseudo(c, p, args, maxCount);
            case ExportFh e -> export(c, e, args, maxCount);
        };
    }

    private CompletionStage<OpResult> export(Compound c, ExportFh dir, Args args, int maxCount) {
        BitSet requested = args.requested();
        int perEntry = ENTRY_MIN + 16 + (requested.isEmpty() ? 0 : 120);
        int wanted = Math.max(1, Math.min(MAX_ENTRIES, (maxCount - FIXED) / perEntry));
        long verifier = args.cookie() == 0 ? 0 : args.verifier();
        AttrMask mask = requested.isEmpty() ? AttrMask.NONE : AttrMask.ALL;
        CompletionStage<FsStat> fs = Fattr.needsFsStat(requested)
                ? c.vfs().statfs(c.cred(dir), dir.fh()) : CompletableFuture.completedFuture(null);
        return fs.thenCompose(stat -> c.vfs().readdir(c.cred(dir), dir.fh(), args.cookie(), verifier, wanted, mask)
                .thenApply(page -> {
                    List<Listed> listed = new ArrayList<>(page.entries().size());
                    for (DirEntry e : page.entries()) {
                        listed.add(new Listed(e.name(), e.cookie(), sourceOf(c, dir, e, stat, requested)));
                    }
                    return reply(listed, page.verifier(), page.eof(), requested, maxCount);
                }));
    }

    /** An entry of an export: never an export's root, so its mounted_on_fileid is its own fileid. */
    private static AttrSource sourceOf(Compound c, ExportFh dir, DirEntry e, FsStat stat, BitSet requested) {
        if (requested.isEmpty()) {
            // No value is written for an empty bitmap, so nothing needs reading.
            return new AttrSource(null, null, NO_HANDLE, 0, 0, 0, Set.of(), c.minorVersion(), 0, Nfs4Status.OK);
        }
        if (e.attrs() == null || e.fh() == null) {
            return null;
        }
        ExportFh file = new ExportFh(dir.export(), e.fh());
        byte[] handle = requested.get(Fattr.FILEHANDLE) ? c.server().wire(file) : NO_HANDLE;
        return new AttrSource(e.attrs(), stat, handle, file.fsidMajor(), file.fsidMinor(),
                e.attrs().fileId(), c.vfs().capabilities(e.fh()), c.minorVersion(), c.server().settings().leaseSeconds(),
                Nfs4Status.OK);
    }

    private CompletionStage<OpResult> pseudo(Compound c, PseudoFh dir, Args args, int maxCount) {
        PseudoTree tree = c.server().pseudo().treeFor(c.peer());
        PseudoNode node = Namespace.current(tree, dir);
        List<String> names = node.children();
        int first = (int) Math.max(0, args.cookie() - FIRST_PSEUDO_COOKIE + 1);
        if (args.cookie() != 0 && args.cookie() - FIRST_PSEUDO_COOKIE >= names.size()) {
            return CompletableFuture.completedFuture(reply(List.of(), 0, true, args.requested(), maxCount));
        }
        List<CompletionStage<Listed>> entries = new ArrayList<>();
        for (int i = first; i < names.size(); i++) {
            String name = names.get(i);
            long cookie = FIRST_PSEUDO_COOKIE + i;
            PseudoNode child = tree.child(node, name);
            entries.add(child.isExport() ? exportRoot(c, child, cookie, args.requested())
                    : CompletableFuture.completedFuture(new Listed(name, cookie,
                            AttrReader.pseudo(c, child, c.server().pseudo().attrs(child)))));
        }
        CompletionStage<List<Listed>> all = CompletableFuture.completedFuture(new ArrayList<>());
        for (CompletionStage<Listed> entry : entries) {
            all = all.thenCombine(entry, (list, one) -> {
                list.add(one);
                return list;
            });
        }
        return all.thenApply(list -> reply(list, 0, true, args.requested(), maxCount));
    }

    /** An export's place in a pseudo directory lists the export's root, mounted on the pseudo directory's fileid. */
    private static CompletionStage<Listed> exportRoot(Compound c, PseudoNode place, long cookie, BitSet requested) {
        String name = place.path().substring(place.path().lastIndexOf('/') + 1);
        return c.server().roots().root(place.export()).thenCompose(root -> {
            ExportFh file = new ExportFh(place.export(), root);
            return c.vfs().getattr(c.cred(file), root, AttrMask.ALL)
                    .thenCompose(attrs -> AttrReader.of(c, file, attrs, requested, Nfs4Status.OK));
        }).handle((source, failure) -> new Listed(name, cookie, failure == null ? source : null));
    }

    /**
     * Encodes the entries that fit {@code maxCount}; an entry whose attributes could not be read
     * carries rdattr_error alone when the client asked for it, and fails the READDIR otherwise.
     */
    private static OpResult reply(List<Listed> listed, long verifier, boolean pageEof, BitSet requested,
                                  int maxCount) {
        ByteBuf entries = Unpooled.buffer();
        try {
            XdrEncoder out = new XdrEncoder(entries);
            int fitted = 0;
            for (Listed entry : listed) {
                int mark = entries.writerIndex();
                out.writeBool(true).writeHyper(entry.cookie()).writeString(entry.name());
                if (entry.attrs() != null) {
                    AttrEncoder.fattr(out, requested, entry.attrs());
                } else if (requested.get(Fattr.RDATTR_ERROR)) {
                    Bitmap.write(out, Bitmap.of(Fattr.RDATTR_ERROR));
                    out.writeInt(4).writeInt(Nfs4Status.IO);
                } else {
                    throw new Nfs4Exception(Nfs4Status.IO, "attributes of " + entry.name() + " could not be read");
                }
                if (FIXED + entries.writerIndex() > maxCount) {
                    entries.writerIndex(mark);
                    break;
                }
                fitted++;
            }
            if (fitted == 0 && !listed.isEmpty()) {
                throw new Nfs4Exception(Nfs4Status.TOOSMALL, "the first entry does not fit " + maxCount + " bytes");
            }
            boolean eof = pageEof && fitted == listed.size();
            byte[] body = ByteBufUtil.getBytes(entries);
            return OpResult.ok(o -> {
                Nfs4Xdr.writeVerifier(o, verifier);
                o.writeFixedOpaque(body);
                o.writeBool(false).writeBool(eof);
            });
        } finally {
            entries.release();
        }
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FsStat;
import io.manticore.protocol.nfs4.internal.attr.AttrSource;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.fh.CurrentFh;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.fh.PseudoFh;
import io.manticore.protocol.nfs4.internal.pseudo.PseudoFs;
import io.manticore.protocol.nfs4.internal.pseudo.PseudoNode;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;

/** Gathers what the fattr4 of one object is made of: its attributes, and its file system's figures when asked for. */
final class AttrReader {

    /** The pseudo file system holds nothing: no space, no files, but names as long as the exports'. */
    private static final FsStat PSEUDO_FS = new FsStat(0, 0, 0, 0, 0, 0, 255, 0);
    /** Stands for the handle when the filehandle attribute is not asked for: no MAC is computed for nothing. */
    private static final byte[] NO_HANDLE = new byte[0];

    private AttrReader() {
    }

    /** The attributes of {@code fh} for {@code requested}. */
    static CompletionStage<AttrSource> read(Compound c, CurrentFh fh, BitSet requested) {
        return switch (fh) {
            case PseudoFh p -> CompletableFuture.completedFuture(pseudo(c, p.node(), c.server().pseudo().attrs(p.node())));
            case ExportFh e -> c.vfs().getattr(c.cred(e), e.fh(), AttrMask.ALL)
                    .thenCompose(attrs -> of(c, e, attrs, requested, Nfs4Status.OK));
        };
    }

    /** The source for a pseudo directory with {@code attrs}. */
    static AttrSource pseudo(Compound c, PseudoNode node, Attrs attrs) {
        return new AttrSource(attrs, PSEUDO_FS, c.server().handles().encodeNode(node.id()), PseudoFs.FSID_MAJOR,
                PseudoFs.FSID_MINOR, node.id(), Set.of(), c.minorVersion(), c.server().settings().leaseSeconds(),
                Nfs4Status.OK);
    }

    /**
     * The source for {@code file} whose attributes are known: statfs only when a requested
     * attribute needs it, and the export root's mounted_on_fileid from the pseudo file system.
     */
    static CompletionStage<AttrSource> of(Compound c, ExportFh file, Attrs attrs, BitSet requested, int rdattrError) {
        CompletionStage<FsStat> fs = Fattr.needsFsStat(requested)
                ? c.vfs().statfs(c.cred(file), file.fh()) : CompletableFuture.completedFuture(null);
        CompletionStage<Long> mountedOn = requested.get(Fattr.MOUNTED_ON_FILEID)
                ? c.server().roots().isRoot(file).thenApply(root -> root ? PseudoFs.idOf(file.export().path()) : attrs.fileId())
                : CompletableFuture.completedFuture(attrs.fileId());
        byte[] handle = requested.get(Fattr.FILEHANDLE) ? c.server().wire(file) : NO_HANDLE;
        return fs.thenCombine(mountedOn, (stat, onFileId) -> new AttrSource(attrs, stat, handle,
                file.fsidMajor(), file.fsidMinor(), onFileId, c.vfs().capabilities(file.fh()), c.minorVersion(),
                c.server().settings().leaseSeconds(), rdattrError));
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.fh.CurrentFh;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.fh.PseudoFh;
import io.manticore.protocol.nfs4.internal.pseudo.PseudoNode;
import io.manticore.protocol.nfs4.internal.pseudo.PseudoTree;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;

/**
 * Moving through the namespace the client sees: from a pseudo directory to the next one or into
 * an export's root, within an export by the VFS, and back up out of an export into the pseudo
 * file system (RFC 7530 7.3, 7.4).
 */
final class Namespace {

    private Namespace() {
    }

    /** The object {@code name} in {@code dir}: NOENT when missing, SYMLINK or NOTDIR when {@code dir} is not a directory. */
    static CompletionStage<CurrentFh> child(Compound c, CurrentFh dir, String name) {
        return switch (dir) {
            case PseudoFh p -> {
                PseudoTree tree = c.server().pseudo().treeFor(c.peer());
                PseudoNode node = current(tree, p);
                PseudoNode child = tree.child(node, name);
                if (child == null || !node.children().contains(name)) {
                    throw new VfsException(VfsError.NOENT, name + " is not exported");
                }
                yield child.isExport()
                        ? c.server().roots().root(child.export()).thenApply(root -> new ExportFh(child.export(), root))
                        : CompletableFuture.completedFuture(new PseudoFh(child));
            }
            case ExportFh e -> c.vfs().lookup(c.cred(e), e.fh(), name, AttrMask.NONE)
                    .<CurrentFh>thenApply(found -> new ExportFh(e.export(), found.fh()))
                    .exceptionallyCompose(failure -> notADirectory(c, e, failure));
        };
    }

    /** The directory holding {@code fh}: NOENT above the pseudo root; an export's root has its pseudo directory above it. */
    static CompletionStage<CurrentFh> parent(Compound c, CurrentFh fh) {
        return switch (fh) {
            case PseudoFh p -> {
                PseudoTree tree = c.server().pseudo().treeFor(c.peer());
                PseudoNode node = current(tree, p);
                if (node.isRoot()) {
                    throw new VfsException(VfsError.NOENT, "the root has no parent");
                }
                yield CompletableFuture.completedFuture(new PseudoFh(tree.parent(node)));
            }
            case ExportFh e -> c.server().roots().isRoot(e).thenCompose(root -> {
                if (root) {
                    PseudoTree tree = c.server().pseudo().treeFor(c.peer());
                    PseudoNode place = tree.exportNode(e.export().path());
                    if (place == null) {
                        throw new VfsException(VfsError.STALE, "export no longer in the pseudo file system");
                    }
                    return CompletableFuture.<CurrentFh>completedFuture(new PseudoFh(tree.parent(place)));
                }
                return c.vfs().getParent(c.cred(e), e.fh(), AttrMask.NONE)
                        .<CurrentFh>thenApply(found -> new ExportFh(e.export(), found.fh()));
            });
        };
    }

    /** The node {@code fh} names in the tree as it is now: STALE when the exports changed under it. */
    static PseudoNode current(PseudoTree tree, PseudoFh fh) {
        PseudoNode node = tree.node(fh.node().id());
        if (node == null) {
            throw new VfsException(VfsError.STALE, "pseudo directory no longer exported");
        }
        return node;
    }

    /** RFC 7530 16.13.5: a lookup in a symlink is SYMLINK; in another non-directory NOTDIR. */
    private static CompletionStage<CurrentFh> notADirectory(Compound c, ExportFh dir, Throwable failure) {
        if (VfsException.errorOf(failure) != VfsError.NOTDIR) {
            return CompletableFuture.failedFuture(failure);
        }
        return c.vfs().getattr(c.cred(dir), dir.fh(), AttrMask.ALL).thenApply(attrs -> {
            throw new Nfs4Exception(attrs.type() == FileType.SYMLINK ? Nfs4Status.SYMLINK : Nfs4Status.NOTDIR,
                    "not a directory");
        });
    }
}

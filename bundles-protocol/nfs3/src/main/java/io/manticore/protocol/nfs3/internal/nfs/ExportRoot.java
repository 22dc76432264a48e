package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Lookup;

/** The parent of a directory as seen through an export: the root of the export has none above it. */
final class ExportRoot {

    private ExportRoot() {
    }

    static CompletionStage<Lookup> parentWithin(Nfs3Request request, Target dir) {
        return request.vfs().resolve(Cred.ROOT, dir.export().path()).thenCompose(root -> {
            if (root.fh().equals(dir.fh())) {
                return request.vfs().getattr(dir.cred(), dir.fh(), AttrMask.ALL)
                        .thenApply(a -> new Lookup(dir.fh(), a, a));
            }
            return request.vfs().getParent(dir.cred(), dir.fh(), AttrMask.ALL);
        });
    }
}

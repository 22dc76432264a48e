package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * LOOKUP (RFC 1813 3.3.3). "." is the directory itself and ".." its parent, except at the
 * export's root, whose parent is itself: a client cannot climb out of its export.
 */
final class Lookup implements Nfs3Procedure {

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target dir = request.handle(args);
        String name = args.readString(Nfs3Xdr.MAX_NAME);
        CompletionStage<io.manticore.api.vfs.Lookup> found = switch (name) {
            case "." -> request.vfs().getattr(dir.cred(), dir.fh(), AttrMask.ALL)
                    .thenApply(a -> new io.manticore.api.vfs.Lookup(dir.fh(), a, a));
            case ".." -> ExportRoot.parentWithin(request, dir);
            default -> request.vfs().lookup(dir.cred(), dir.fh(), name, AttrMask.ALL);
        };
        return found.thenApply(l -> Nfs3Procedure.ok(out -> {
            request.writeHandle(out, dir, l.fh());
            Nfs3Xdr.postOp(out, l.attrs(), dir.fsid());
            Nfs3Xdr.postOp(out, l.dirAttrs(), dir.fsid());
        }));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.POST_OP;
    }
}

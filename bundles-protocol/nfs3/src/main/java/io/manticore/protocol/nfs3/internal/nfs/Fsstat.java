package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** FSSTAT (RFC 1813 3.3.18): the backend's statfs figures. */
final class Fsstat implements Nfs3Procedure {

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target t = request.handle(args);
        return request.vfs().statfs(t.cred(), t.fh()).thenCompose(fs ->
                request.vfs().getattr(t.cred(), t.fh(), AttrMask.ALL).thenApply(attrs ->
                        Nfs3Procedure.ok(out -> {
                            Nfs3Xdr.postOp(out, attrs, t.fsid());
                            out.writeHyper(fs.totalBytes()).writeHyper(fs.freeBytes()).writeHyper(fs.availableBytes());
                            out.writeHyper(fs.totalFiles()).writeHyper(fs.freeFiles()).writeHyper(fs.availableFiles());
                            out.writeInt(0); // invarsec: the figures change at any time
                        })));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.POST_OP;
    }
}

package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** GETATTR (RFC 1813 3.3.1). */
final class Getattr implements Nfs3Procedure {

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target t = request.handle(args);
        return request.vfs().getattr(t.cred(), t.fh(), AttrMask.ALL)
                .thenApply(attrs -> Nfs3Procedure.ok(out -> Nfs3Xdr.fattr(out, attrs, t.fsid())));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.NONE;
    }
}

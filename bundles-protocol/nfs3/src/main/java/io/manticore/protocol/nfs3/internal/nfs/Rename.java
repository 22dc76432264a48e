package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** RENAME (RFC 1813 3.3.14): within one export; across exports XDEV. */
final class Rename implements Nfs3Procedure {

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target from = request.handle(args);
        String fromName = args.readString(Nfs3Xdr.MAX_NAME);
        Target to = request.sameExport(from, args);
        String toName = args.readString(Nfs3Xdr.MAX_NAME);
        Nfs3Request.writable(from);
        return request.vfs().rename(from.cred(), from.fh(), fromName, to.fh(), toName)
                .thenApply(r -> Nfs3Procedure.ok(out -> {
                    Nfs3Xdr.wcc(out, r.fromDir(), from.fsid());
                    Nfs3Xdr.wcc(out, r.toDir(), to.fsid());
                }));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.WCC_WCC;
    }
}

package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** RMDIR (RFC 1813 3.3.13). */
final class Rmdir implements Nfs3Procedure {

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target dir = request.handle(args);
        String name = args.readString(Nfs3Xdr.MAX_NAME);
        Nfs3Request.writable(dir);
        return request.vfs().rmdir(dir.cred(), dir.fh(), name)
                .thenApply(wcc -> Nfs3Procedure.ok(out -> Nfs3Xdr.wcc(out, wcc, dir.fsid())));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.WCC;
    }
}

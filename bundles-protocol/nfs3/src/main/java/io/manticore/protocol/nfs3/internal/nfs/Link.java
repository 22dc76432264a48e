package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** LINK (RFC 1813 3.3.15): a hard link within one export. */
final class Link implements Nfs3Procedure {

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target file = request.handle(args);
        Target dir = request.sameExport(file, args);
        String name = args.readString(Nfs3Xdr.MAX_NAME);
        Nfs3Request.writable(dir);
        return request.vfs().link(dir.cred(), file.fh(), dir.fh(), name)
                .thenApply(l -> Nfs3Procedure.ok(out -> {
                    Nfs3Xdr.postOp(out, l.attrs(), file.fsid());
                    Nfs3Xdr.wcc(out, l.dir(), dir.fsid());
                }));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.POST_OP_WCC;
    }
}

package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** COMMIT (RFC 1813 3.3.21): makes unstable writes stable and returns the write verifier. */
final class Commit implements Nfs3Procedure {

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target t = request.handle(args);
        long offset = args.readUnsignedHyper();
        long count = args.readUnsignedInt();
        Nfs3Request.writable(t);
        return request.vfs().commit(t.cred(), t.fh(), offset, count)
                .thenApply(c -> Nfs3Procedure.ok(out -> {
                    Nfs3Xdr.wcc(out, c.wcc(), t.fsid());
                    out.writeHyper(c.verifier());
                }));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.WCC;
    }
}

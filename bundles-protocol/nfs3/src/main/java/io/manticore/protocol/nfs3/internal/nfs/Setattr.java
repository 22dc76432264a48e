package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** SETATTR (RFC 1813 3.3.2), with the ctime guard. */
final class Setattr implements Nfs3Procedure {

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target t = request.handle(args);
        SetAttrs set = Nfs3Xdr.readSattr(args);
        Guard guard = args.readBool() ? Guard.ctime(Nfs3Xdr.readTime(args)) : Guard.NONE;
        Nfs3Request.writable(t);
        return request.vfs().setattr(t.cred(), t.fh(), set, guard)
                .thenApply(wcc -> Nfs3Procedure.ok(out -> Nfs3Xdr.wcc(out, wcc, t.fsid())));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.WCC;
    }
}

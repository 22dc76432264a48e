package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.SetAttrs;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** SYMLINK (RFC 1813 3.3.10). */
final class Symlink implements Nfs3Procedure {

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target dir = request.handle(args);
        String name = args.readString(Nfs3Xdr.MAX_NAME);
        SetAttrs attrs = Nfs3Xdr.readSattr(args);
        String target = args.readString(Nfs3Xdr.MAX_PATH);
        Nfs3Request.writable(dir);
        return request.vfs().symlink(dir.cred(), dir.fh(), name, target, attrs)
                .thenApply(c -> Creation.reply(request, dir, c.fh(), c.attrs(), c.dir()));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.WCC;
    }
}

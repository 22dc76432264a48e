package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** PATHCONF (RFC 1813 3.3.20): POSIX names, case-sensitive, long names refused rather than cut. */
final class Pathconf implements Nfs3Procedure {

    /** The link count fattr3 can carry and Linux's ext4 allows. */
    static final int LINK_MAX = 65000;

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target t = request.handle(args);
        return request.vfs().statfs(t.cred(), t.fh()).thenCompose(fs ->
                request.vfs().getattr(t.cred(), t.fh(), AttrMask.ALL).thenApply(attrs ->
                        Nfs3Procedure.ok(out -> {
                            Nfs3Xdr.postOp(out, attrs, t.fsid());
                            out.writeInt(LINK_MAX);
                            out.writeInt(Math.min(fs.maxNameLength(), Nfs3Xdr.MAX_NAME));
                            out.writeBool(true);   // no_trunc
                            out.writeBool(true);   // chown_restricted
                            out.writeBool(false);  // case_insensitive
                            out.writeBool(true);   // case_preserving
                        })));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.POST_OP;
    }
}

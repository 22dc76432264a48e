package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** READDIR (RFC 1813 3.3.16). */
final class Readdir implements Nfs3Procedure {

    /** A client asking more is given at most this much (FSINFO dtpref is 64 KiB). */
    static final int MAX = 1024 * 1024;

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target dir = request.handle(args);
        long cookie = args.readUnsignedHyper();
        long verifier = args.readHyper();
        int count = (int) Math.min(args.readUnsignedInt(), MAX);
        return new DirListing(request, dir, false, count, count).page(cookie, verifier);
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.POST_OP;
    }
}

package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** READDIRPLUS (RFC 1813 3.3.17): entries with their attributes and handles. */
final class Readdirplus implements Nfs3Procedure {

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target dir = request.handle(args);
        long cookie = args.readUnsignedHyper();
        long verifier = args.readHyper();
        int dirCount = (int) Math.min(args.readUnsignedInt(), Readdir.MAX);
        int maxCount = (int) Math.min(args.readUnsignedInt(), Readdir.MAX);
        return new DirListing(request, dir, true, maxCount, dirCount).page(cookie, verifier);
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.POST_OP;
    }
}

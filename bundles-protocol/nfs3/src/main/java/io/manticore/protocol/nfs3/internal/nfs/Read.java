package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.ReadResult;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Status;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;

/** READ (RFC 1813 3.3.6). The data goes from the backend's buffer to the socket without a copy. */
final class Read implements Nfs3Procedure {

    /** FSINFO rtmax: a larger count is served up to this. */
    static final int MAX = 1024 * 1024;

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target t = request.handle(args);
        long offset = args.readUnsignedHyper();
        int count = (int) Math.min(args.readUnsignedInt(), MAX);
        if (offset < 0) {
            return CompletableFuture.completedFuture(Nfs3Procedure.ok(out -> {
                Nfs3Xdr.postOp(out, null, t.fsid());
                out.writeInt(0).writeBool(true).writeInt(0);
            }));
        }
        return request.vfs().read(t.cred(), t.fh(), offset, count).thenApply(r -> reply(request, t, r));
    }

    private static RpcResult reply(Nfs3Request request, Target t, ReadResult r) {
        ByteBuf data = r.data();
        int length = data.readableBytes();
        CompositeByteBuf body = request.alloc().compositeBuffer(3);
        try {
            ByteBuf head = request.alloc().buffer(128);
            try {
                XdrEncoder out = new XdrEncoder(head);
                out.writeInt(Nfs3Status.OK);
                Nfs3Xdr.postOp(out, r.attrs(), t.fsid());
                out.writeInt(length).writeBool(r.eof()).writeInt(length);
            } catch (RuntimeException e) {
                head.release();
                throw e;
            }
            // A component counts the bytes readable when it is added: each is added complete.
            body.addComponent(true, head);
            body.addComponent(true, data.retain());
            int pad = XdrDecoder.padding(length);
            if (pad > 0) {
                body.addComponent(true, request.alloc().buffer(pad).writeZero(pad));
            }
            return RpcResult.success(body.retain());
        } finally {
            body.release();
            data.release();
        }
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.POST_OP;
    }
}

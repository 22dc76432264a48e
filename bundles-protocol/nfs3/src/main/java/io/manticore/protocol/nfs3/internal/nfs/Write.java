package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;
import io.netty.buffer.ByteBuf;

/**
 * WRITE (RFC 1813 3.3.7). The data is a slice of the request, handed to the VFS without a
 * copy. UNSTABLE writes may be cached by the backend until COMMIT; the verifier tells the
 * client whether they survived.
 */
final class Write implements Nfs3Procedure {

    /** FSINFO wtmax. */
    static final int MAX = 1024 * 1024;

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target t = request.handle(args);
        long offset = args.readUnsignedHyper();
        long count = args.readUnsignedInt();
        int how = args.readEnum();
        if (how < 0 || how > 2) {
            throw new XdrException("stable_how " + how);
        }
        ByteBuf data = args.readOpaqueSlice(MAX);
        try {
            if (count > data.readableBytes()) {
                throw new VfsException(VfsError.INVAL, "count " + count + " exceeds the " + data.readableBytes() + " bytes sent");
            }
            if (offset < 0 || offset + count < 0) {
                throw new VfsException(VfsError.FBIG, "offset " + Long.toUnsignedString(offset));
            }
            Nfs3Request.writable(t);
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
        data.writerIndex(data.readerIndex() + (int) count);
        return request.vfs().write(t.cred(), t.fh(), offset, data, Stability.values()[how])
                .thenApply(w -> Nfs3Procedure.ok(out -> {
                    Nfs3Xdr.wcc(out, w.wcc(), t.fsid());
                    out.writeInt(w.count());
                    out.writeInt(w.stability().ordinal());
                    out.writeHyper(w.verifier());
                }));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.WCC;
    }
}

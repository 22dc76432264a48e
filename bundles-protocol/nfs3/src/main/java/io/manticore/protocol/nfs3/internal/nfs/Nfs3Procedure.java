package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.manticore.protocol.nfs3.internal.xdr.Nfs3Status;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/**
 * One NFSv3 procedure. It decodes its arguments, calls the VFS and answers the success arm;
 * a {@link io.manticore.api.vfs.VfsException} thrown or completing the stage is answered by
 * {@link Nfs3Program} with the mapped status and this procedure's {@link #failureBody()}.
 */
interface Nfs3Procedure {

    CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args);

    FailureBody failureBody();

    /** NFS3_OK followed by what {@code body} writes. */
    static RpcResult ok(Consumer<XdrEncoder> body) {
        return RpcResult.success(out -> {
            out.writeInt(Nfs3Status.OK);
            body.accept(out);
        });
    }
}

package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** MKNOD (RFC 1813 3.3.11): devices, sockets and FIFOs; other types are BADTYPE. */
final class Mknod implements Nfs3Procedure {

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target dir = request.handle(args);
        String name = args.readString(Nfs3Xdr.MAX_NAME);
        FileType type = Nfs3Xdr.fileType(args.readEnum());
        SetAttrs attrs;
        long rdev = 0;
        if (type == FileType.CHAR_DEVICE || type == FileType.BLOCK_DEVICE) {
            attrs = Nfs3Xdr.readSattr(args);
            long major = args.readUnsignedInt();
            long minor = args.readUnsignedInt();
            rdev = major << 32 | minor;
        } else if (type == FileType.SOCKET || type == FileType.FIFO) {
            attrs = Nfs3Xdr.readSattr(args);
        } else {
            throw new VfsException(VfsError.BADTYPE, "MKNOD of " + type);
        }
        Nfs3Request.writable(dir);
        return request.vfs().mknod(dir.cred(), dir.fh(), name, type, attrs, rdev)
                .thenApply(c -> Creation.reply(request, dir, c.fh(), c.attrs(), c.dir()));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.WCC;
    }
}

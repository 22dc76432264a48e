package io.manticore.protocol.nfs3.internal.nfs;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Wcc;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;

/** The reply of CREATE, MKDIR, SYMLINK and MKNOD (RFC 1813 3.3.8): handle, attributes, directory wcc. */
final class Creation {

    private Creation() {
    }

    static RpcResult reply(Nfs3Request request, Target dir, FileHandle fh, Attrs attrs, Wcc dirWcc) {
        return Nfs3Procedure.ok(out -> {
            out.writeBool(true);
            request.writeHandle(out, dir, fh);
            Nfs3Xdr.postOp(out, attrs, dir.fsid());
            Nfs3Xdr.wcc(out, dirWcc, dir.fsid());
        });
    }
}

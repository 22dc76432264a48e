package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** ACCESS (RFC 1813 3.3.4): the rights the mode bits grant the caller, less writes on a read-only export. */
final class Access implements Nfs3Procedure {

    static final int READ = 0x01;
    static final int LOOKUP = 0x02;
    static final int MODIFY = 0x04;
    static final int EXTEND = 0x08;
    static final int DELETE = 0x10;
    static final int EXECUTE = 0x20;

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target t = request.handle(args);
        int asked = args.readInt();
        return request.vfs().getattr(t.cred(), t.fh(), AttrMask.ALL).thenApply(attrs -> {
            int granted = asked & allowed(attrs, t.cred(), t.export().readOnly());
            return Nfs3Procedure.ok(out -> {
                Nfs3Xdr.postOp(out, attrs, t.fsid());
                out.writeInt(granted);
            });
        });
    }

    static int allowed(Attrs a, Cred cred, boolean readOnly) {
        int bits = a.permissionsFor(cred);
        boolean dir = a.isDirectory();
        int rights = 0;
        if ((bits & 4) != 0) {
            rights |= READ;
        }
        if ((bits & 2) != 0 && !readOnly) {
            rights |= MODIFY | EXTEND | (dir ? DELETE : 0);
        }
        if ((bits & 1) != 0) {
            rights |= dir ? LOOKUP : EXECUTE;
        }
        return rights;
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.POST_OP;
    }
}

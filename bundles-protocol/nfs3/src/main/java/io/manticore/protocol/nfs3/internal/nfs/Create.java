package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/**
 * CREATE (RFC 1813 3.3.8). UNCHECKED opens an existing file (truncating it when the size
 * asked is 0), GUARDED fails with EXIST, EXCLUSIVE stores the client's verifier so that a
 * retransmission finds its own file and succeeds.
 */
final class Create implements Nfs3Procedure {

    private static final int UNCHECKED = 0;
    private static final int GUARDED = 1;
    private static final int EXCLUSIVE = 2;

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target dir = request.handle(args);
        String name = args.readString(Nfs3Xdr.MAX_NAME);
        int how = args.readEnum();
        OpenFlags flags;
        SetAttrs attrs;
        switch (how) {
            case UNCHECKED, GUARDED -> {
                attrs = Nfs3Xdr.readSattr(args);
                flags = OpenFlags.create(how == GUARDED ? CreateMode.CREATE_NEW : CreateMode.OPEN_OR_CREATE);
                if (attrs.size() != null && attrs.size() == 0) {
                    flags = flags.truncating();
                }
                // The size of a new file is 0 already; only the truncation of an existing one applies.
                attrs = new SetAttrs(attrs.mode(), attrs.uid(), attrs.gid(), null, attrs.atime(), attrs.mtime(), null);
            }
            case EXCLUSIVE -> {
                flags = OpenFlags.exclusive(args.readHyper());
                attrs = SetAttrs.NONE;
            }
            default -> throw new XdrException("createmode3 " + how);
        }
        Nfs3Request.writable(dir);
        return request.vfs().openAt(dir.cred(), dir.fh(), name, flags, attrs, AttrMask.ALL)
                .thenApply(o -> Creation.reply(request, dir, o.file().handle(), o.attrs(), o.dir()));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.WCC;
    }
}

package io.manticore.protocol.nfs3.internal.nfs;

import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Capability;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** FSINFO (RFC 1813 3.3.19): 1 MiB reads and writes, nanosecond times, and what the backend can do. */
final class Fsinfo implements Nfs3Procedure {

    static final int FSF3_LINK = 0x1;
    static final int FSF3_SYMLINK = 0x2;
    static final int FSF3_HOMOGENEOUS = 0x8;
    static final int FSF3_CANSETTIME = 0x10;
    static final int PREFERRED_READDIR = 64 * 1024;
    static final int BLOCK = 4096;

    @Override
    public CompletionStage<RpcResult> call(Nfs3Request request, XdrDecoder args) {
        Target t = request.handle(args);
        Set<Capability> caps = request.vfs().capabilities(t.fh());
        int properties = FSF3_HOMOGENEOUS | FSF3_CANSETTIME
                | (caps.contains(Capability.HARDLINKS) ? FSF3_LINK : 0)
                | (caps.contains(Capability.SYMLINKS) ? FSF3_SYMLINK : 0);
        return request.vfs().statfs(t.cred(), t.fh()).thenCompose(fs ->
                request.vfs().getattr(t.cred(), t.fh(), AttrMask.ALL).thenApply(attrs ->
                        Nfs3Procedure.ok(out -> {
                            Nfs3Xdr.postOp(out, attrs, t.fsid());
                            out.writeInt(Read.MAX).writeInt(Read.MAX).writeInt(BLOCK);
                            out.writeInt(Write.MAX).writeInt(Write.MAX).writeInt(BLOCK);
                            out.writeInt(PREFERRED_READDIR);
                            out.writeHyper(fs.maxFileSize());
                            Nfs3Xdr.time(out, 1);
                            out.writeInt(properties);
                        })));
    }

    @Override
    public FailureBody failureBody() {
        return FailureBody.POST_OP;
    }
}

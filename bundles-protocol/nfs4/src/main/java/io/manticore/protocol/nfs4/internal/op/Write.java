package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;
import io.netty.buffer.ByteBuf;

/**
 * WRITE (RFC 7530 16.36): the data is a slice of the request, handed to the VFS without a copy.
 * UNSTABLE4 writes may stay cached until COMMIT; the verifier tells the client whether they survived.
 */
final class Write implements Operation<Write.Args> {

    /** WRITE4args; {@code data} is a retained slice of the request, released with the arguments. */
    record Args(Stateid stateid, long offset, int stable, ByteBuf data) {
    }

    @Override
    public int opcode() {
        return Opcodes.WRITE;
    }

    @Override
    public Args decode(XdrDecoder in) {
        Stateid stateid = Stateid.decode(in);
        long offset = in.readUnsignedHyper();
        int stable = in.readEnum();
        if (stable < 0 || stable > 2) {
            throw new XdrException("stable_how4 " + stable);
        }
        return new Args(stateid, offset, stable, in.readOpaqueSlice(Fattr.MAX_IO));
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        Ops.writable(file);
        Io.check(c, args.stateid(), file, true);
        int length = args.data().readableBytes();
        if (args.offset() < 0 || args.offset() + length < 0) {
            throw new VfsException(VfsError.FBIG, "write beyond 2^63");
        }
        return c.vfs().write(c.cred(file), file.fh(), args.offset(), args.data().retainedSlice(),
                Stability.values()[args.stable()]).thenApply(w -> OpResult.ok(out -> {
                    out.writeInt(w.count()).writeInt(w.stability().ordinal());
                    Nfs4Xdr.writeVerifier(out, w.verifier());
                }));
    }

    @Override
    public void release(Args args) {
        args.data().release();
    }
}

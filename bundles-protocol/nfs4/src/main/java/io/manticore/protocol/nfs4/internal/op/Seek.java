package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.Whence;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/**
 * SEEK (RFC 7862 15.11): the next data or hole at or after an offset, eof when what was found
 * ends the file; when there is none before the end (a backend saying NXIO as lseek does), the
 * end with eof; NXIO only for an offset at or past the end.
 */
final class Seek implements Operation<Seek.Args> {

    private static final int CONTENT_DATA = 0;
    private static final int CONTENT_HOLE = 1;

    record Args(Stateid stateid, long offset, Whence what) {
    }

    @Override
    public int opcode() {
        return Opcodes.SEEK;
    }

    @Override
    public Args decode(XdrDecoder in) {
        Stateid stateid = Stateid.decode(in);
        long offset = in.readUnsignedHyper();
        int what = in.readEnum();
        return new Args(stateid, offset, switch (what) {
            case CONTENT_DATA -> Whence.DATA;
            case CONTENT_HOLE -> Whence.HOLE;
            default -> throw new XdrException("data_content4 " + what);
        });
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        Io.check(c, args.stateid(), file, false);
        Cred cred = c.cred(file);
        return c.vfs().seek(cred, file.fh(), args.offset(), args.what())
                .exceptionallyCompose(failure -> VfsException.errorOf(failure) == VfsError.NXIO
                        ? endBefore(c, cred, file, args.offset(), failure) : CompletableFuture.failedFuture(failure))
                .thenCompose(found -> c.vfs().getattr(cred, file.fh(), AttrMask.ALL)
                        .thenApply(attrs -> OpResult.ok(out -> out.writeBool(found >= attrs.size()).writeHyper(found))));
    }

    /** The end of the file when {@code offset} is before it, else the NXIO {@code failure}. */
    private static CompletionStage<Long> endBefore(Compound c, Cred cred, ExportFh file, long offset, Throwable failure) {
        return c.vfs().getattr(cred, file.fh(), AttrMask.ALL).thenCompose(attrs -> offset < attrs.size()
                ? CompletableFuture.completedFuture(attrs.size()) : CompletableFuture.failedFuture(failure));
    }
}

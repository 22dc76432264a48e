package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * ALLOCATE (RFC 7862 15.1) and DEALLOCATE (15.4): reserve space for a range, or punch a hole in
 * it, under a stateid that may write.
 */
final class Allocate implements Operation<Allocate.Args> {

    private final boolean punch;

    private Allocate(boolean punch) {
        this.punch = punch;
    }

    static Allocate allocate() {
        return new Allocate(false);
    }

    static Allocate deallocate() {
        return new Allocate(true);
    }

    record Args(Stateid stateid, long offset, long length) {
    }

    @Override
    public int opcode() {
        return punch ? Opcodes.DEALLOCATE : Opcodes.ALLOCATE;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(Stateid.decode(in), in.readUnsignedHyper(), in.readUnsignedHyper());
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        Ops.writable(file);
        Io.check(c, args.stateid(), file, true);
        if (args.offset() < 0 || args.length() < 0 || args.offset() + args.length() < 0) {
            throw new VfsException(VfsError.FBIG, "range beyond 2^63");
        }
        return (punch ? c.vfs().deallocate(c.cred(file), file.fh(), args.offset(), args.length())
                : c.vfs().allocate(c.cred(file), file.fh(), args.offset(), args.length())).thenApply(wcc -> OpResult.OK);
    }
}

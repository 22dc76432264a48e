package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.CurrentFh;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.fh.PseudoFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * RENAME (RFC 7530 16.25): from the saved directory to the current one, within one export (XDEV
 * across exports or between the pseudo file system and an export, ROFS within the pseudo one).
 */
final class Rename implements Operation<Rename.Args> {

    record Args(byte[] oldName, byte[] newName) {
    }

    @Override
    public int opcode() {
        return Opcodes.RENAME;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(Nfs4Xdr.readComponent(in), Nfs4Xdr.readComponent(in));
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        CurrentFh source = c.savedFh();
        CurrentFh target = c.fh();
        String from = Nfs4Xdr.name(args.oldName());
        String to = Nfs4Xdr.name(args.newName());
        if (source instanceof PseudoFh && target instanceof PseudoFh) {
            throw new VfsException(VfsError.ROFS, "the pseudo file system is read-only");
        }
        if (!(source instanceof ExportFh fromDir) || !(target instanceof ExportFh toDir)
                || fromDir.export().id() != toDir.export().id()) {
            throw new VfsException(VfsError.XDEV, "rename across file systems");
        }
        Ops.writable(toDir);
        return c.vfs().rename(c.cred(toDir), fromDir.fh(), from, toDir.fh(), to).thenApply(r -> OpResult.ok(out -> {
            Nfs4Xdr.changeInfo(out, r.fromDir());
            Nfs4Xdr.changeInfo(out, r.toDir());
        }));
    }
}

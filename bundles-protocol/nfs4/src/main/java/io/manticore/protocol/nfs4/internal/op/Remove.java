package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** REMOVE (RFC 7530 16.24): a file, or an empty directory (NOTEMPTY otherwise). */
final class Remove implements Operation<byte[]> {

    @Override
    public int opcode() {
        return Opcodes.REMOVE;
    }

    @Override
    public byte[] decode(XdrDecoder in) {
        return Nfs4Xdr.readComponent(in);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, byte[] component) {
        ExportFh dir = c.exportFh(Nfs4Status.ROFS);
        String name = Nfs4Xdr.name(component);
        Ops.writable(dir);
        Cred cred = c.cred(dir);
        return c.vfs().remove(cred, dir.fh(), name)
                .exceptionallyCompose(failure -> VfsException.errorOf(failure) == VfsError.ISDIR
                        ? c.vfs().rmdir(cred, dir.fh(), name) : CompletableFuture.failedFuture(failure))
                .thenApply(wcc -> OpResult.ok(out -> Nfs4Xdr.changeInfo(out, wcc)));
    }
}

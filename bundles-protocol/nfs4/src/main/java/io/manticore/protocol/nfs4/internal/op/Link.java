package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.CurrentFh;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** LINK (RFC 7530 16.9): the saved file gets a new name in the current directory, within one export. */
final class Link implements Operation<byte[]> {

    @Override
    public int opcode() {
        return Opcodes.LINK;
    }

    @Override
    public byte[] decode(XdrDecoder in) {
        return Nfs4Xdr.readComponent(in);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, byte[] component) {
        CurrentFh source = c.savedFh();
        ExportFh dir = c.exportFh(Nfs4Status.ROFS);
        String name = Nfs4Xdr.name(component);
        if (!(source instanceof ExportFh file)) {
            throw new VfsException(VfsError.ISDIR, "a pseudo file system directory cannot be linked");
        }
        if (file.export().id() != dir.export().id()) {
            throw new VfsException(VfsError.XDEV, "link across exports");
        }
        Ops.writable(dir);
        return c.vfs().link(c.cred(dir), file.fh(), dir.fh(), name)
                .thenApply(linked -> OpResult.ok(out -> Nfs4Xdr.changeInfo(out, linked.dir())));
    }
}

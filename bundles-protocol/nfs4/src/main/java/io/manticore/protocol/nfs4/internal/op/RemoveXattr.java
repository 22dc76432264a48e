package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** REMOVEXATTR (RFC 8276 8.4.4): NOXATTR when absent. */
final class RemoveXattr implements Operation<byte[]> {

    @Override
    public int opcode() {
        return Opcodes.REMOVEXATTR;
    }

    @Override
    public byte[] decode(XdrDecoder in) {
        return Nfs4Xdr.readComponent(in);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, byte[] component) {
        ExportFh file = c.exportFh(Nfs4Status.NOTSUPP);
        String name = Xattrs.vfsName(component);
        Ops.writable(file);
        return Xattrs.around(c, file, () -> c.vfs().removeXattr(c.cred(file), file.fh(), name))
                .thenApply(wcc -> OpResult.ok(out -> Nfs4Xdr.changeInfo(out, wcc)));
    }
}

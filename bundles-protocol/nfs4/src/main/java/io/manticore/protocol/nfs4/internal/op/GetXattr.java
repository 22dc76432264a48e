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

/** GETXATTR (RFC 8276 8.4.1): NOXATTR when absent, NOTSUPP on a backend without xattrs. */
final class GetXattr implements Operation<byte[]> {

    @Override
    public int opcode() {
        return Opcodes.GETXATTR;
    }

    @Override
    public byte[] decode(XdrDecoder in) {
        return Nfs4Xdr.readComponent(in);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, byte[] name) {
        ExportFh file = c.exportFh(Nfs4Status.NOTSUPP);
        return c.vfs().getXattr(c.cred(file), file.fh(), Xattrs.vfsName(name))
                .thenApply(value -> OpResult.ok(out -> out.writeOpaque(value)));
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.PseudoFh;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/**
 * SECINFO_NO_NAME (RFC 8881 18.45): the flavours of the current filehandle or of its parent
 * (NOENT above the pseudo root), the same everywhere here; the current filehandle is consumed.
 */
final class SecinfoNoName implements Operation<Integer> {

    private static final int CURRENT_FH = 0;
    private static final int PARENT = 1;

    @Override
    public int opcode() {
        return Opcodes.SECINFO_NO_NAME;
    }

    @Override
    public Integer decode(XdrDecoder in) {
        int style = in.readEnum();
        if (style != CURRENT_FH && style != PARENT) {
            throw new XdrException("secinfo_style4 " + style);
        }
        return style;
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Integer style) {
        if (style == PARENT && c.fh() instanceof PseudoFh p
                && Namespace.current(c.server().pseudo().treeFor(c.peer()), p).isRoot()) {
            throw new VfsException(VfsError.NOENT, "the root has no parent");
        }
        c.fh();
        c.clearFh();
        return Ops.done(Secinfo.FLAVORS);
    }
}

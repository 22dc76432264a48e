package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * RECLAIM_COMPLETE (RFC 8881 18.51): the client has reclaimed what it will. For one file system
 * it needs a current filehandle and changes nothing (no per-file-system grace is kept); for the
 * whole client the second one is COMPLETE_ALREADY.
 */
final class ReclaimComplete implements Operation<Boolean> {

    @Override
    public int opcode() {
        return Opcodes.RECLAIM_COMPLETE;
    }

    @Override
    public Boolean decode(XdrDecoder in) {
        return in.readBool();
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Boolean oneFs) {
        if (oneFs) {
            c.fh();
            return Ops.OK;
        }
        c.state().reclaimComplete(c.sessionClient());
        return Ops.OK;
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * DELEGRETURN (RFC 7530 16.6): no delegation is granted yet, so no stateid names one: an open
 * stateid is BAD_STATEID, as is any other the server never gave; stale ones are STALE_STATEID.
 */
final class DelegReturn implements Operation<Stateid> {

    @Override
    public int opcode() {
        return Opcodes.DELEGRETURN;
    }

    @Override
    public Stateid decode(XdrDecoder in) {
        return Stateid.decode(in);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Stateid stateid) {
        c.fh();
        Stateid given = c.stateid(stateid);
        if (!given.isSpecial() && (int) (given.clientId() >>> 32) != c.state().epoch()) {
            throw new Nfs4Exception(Nfs4Status.STALE_STATEID, "stateid of an earlier server instance");
        }
        throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "no delegation " + given);
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** SETCLIENTID_CONFIRM (RFC 7530 16.34): the client's lease starts. */
final class SetClientIdConfirm implements Operation<SetClientIdConfirm.Args> {

    record Args(long clientId, long verifier) {
    }

    @Override
    public int opcode() {
        return Opcodes.SETCLIENTID_CONFIRM;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(in.readHyper(), Nfs4Xdr.readVerifier(in));
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        c.state().confirmClientId(args.clientId(), args.verifier(), c.principal());
        c.touch(c.state().renew(args.clientId()));
        return Ops.OK;
    }
}

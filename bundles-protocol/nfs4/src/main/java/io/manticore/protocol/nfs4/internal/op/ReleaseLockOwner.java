package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.state.NfsClient;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** RELEASE_LOCKOWNER (RFC 7530 16.37): the server forgets a lock-owner that holds no lock (LOCKS_HELD otherwise). */
final class ReleaseLockOwner implements Operation<ReleaseLockOwner.Args> {

    record Args(long clientId, byte[] owner) {
    }

    @Override
    public int opcode() {
        return Opcodes.RELEASE_LOCKOWNER;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(in.readHyper(), in.readOpaqueBytes(Nfs4Xdr.OPAQUE_LIMIT));
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        NfsClient client = c.state().renew(args.clientId());
        c.touch(client);
        c.state().releaseLockOwner(client, args.owner());
        return Ops.OK;
    }
}

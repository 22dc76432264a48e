package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.state.Session;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** DESTROY_SESSION (RFC 8881 18.37): the session and its slots go; the client's state stays. */
final class DestroySession implements Operation<byte[]> {

    @Override
    public int opcode() {
        return Opcodes.DESTROY_SESSION;
    }

    @Override
    public byte[] decode(XdrDecoder in) {
        return in.readFixedOpaqueBytes(Session.ID_BYTES);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, byte[] sessionId) {
        c.state().destroySession(sessionId);
        return Ops.OK;
    }
}

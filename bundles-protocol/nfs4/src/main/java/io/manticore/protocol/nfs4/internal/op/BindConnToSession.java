package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.state.Session;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/**
 * BIND_CONN_TO_SESSION (RFC 8881 18.34): any connection may carry a session's fore channel here
 * (no state protection is enforced), so binding one just says so; there is no back channel to
 * bind, so a connection asked for the back channel alone is INVAL.
 */
final class BindConnToSession implements Operation<BindConnToSession.Args> {

    private static final int CDFC4_FORE = 0x1;
    private static final int CDFC4_BACK = 0x2;
    private static final int CDFC4_FORE_OR_BOTH = 0x3;
    private static final int CDFC4_BACK_OR_BOTH = 0x7;
    private static final int CDFS4_FORE = 0x1;

    record Args(byte[] sessionId, int direction, boolean rdma) {
    }

    @Override
    public int opcode() {
        return Opcodes.BIND_CONN_TO_SESSION;
    }

    @Override
    public Args decode(XdrDecoder in) {
        byte[] id = in.readFixedOpaqueBytes(Session.ID_BYTES);
        int direction = in.readEnum();
        if (direction != CDFC4_FORE && direction != CDFC4_BACK && direction != CDFC4_FORE_OR_BOTH
                && direction != CDFC4_BACK_OR_BOTH) {
            throw new XdrException("channel_dir_from_client4 " + direction);
        }
        return new Args(id, direction, in.readBool());
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        Session session = c.state().session(args.sessionId());
        if (args.direction() == CDFC4_BACK) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "no back channel is offered");
        }
        c.touch(session.client());
        byte[] id = session.id();
        return Ops.done(OpResult.ok(out -> out.writeFixedOpaque(id).writeInt(CDFS4_FORE).writeBool(false)));
    }
}

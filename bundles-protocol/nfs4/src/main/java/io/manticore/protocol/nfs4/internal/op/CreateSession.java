package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.Nfs4Settings;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.state.ChannelAttrs;
import io.manticore.protocol.nfs4.internal.state.Session;
import io.manticore.protocol.nfs4.internal.state.StateManager;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.AuthSys;
import io.manticore.protocol.oncrpc.internal.RpcPipeline;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/**
 * CREATE_SESSION (RFC 8881 18.36): confirms the client id and makes a session whose fore channel
 * is the smaller of what the client asks and the server's limits. No back channel is offered
 * (no callbacks yet): the session's flags never carry CONN_BACK_CHAN. A retry of the last
 * CREATE_SESSION gets its first reply.
 */
final class CreateSession implements Operation<CreateSession.Args> {

    private static final int AUTH_NONE = 0;
    private static final int AUTH_SYS = 1;
    private static final int RPCSEC_GSS = 6;
    private static final int MAX_SEC_PARMS = 16;
    private static final int MAX_GSS_HANDLE = 1024;
    /** The back channel is never used: its figures are echoed within these. */
    private static final ChannelAttrs BACK_LIMITS = new ChannelAttrs(0, 4096, 4096, 0, 2, 1, -1);

    record Args(long clientId, int sequence, int flags, ChannelAttrs fore, ChannelAttrs back) {
    }

    @Override
    public int opcode() {
        return Opcodes.CREATE_SESSION;
    }

    @Override
    public Args decode(XdrDecoder in) {
        long clientId = in.readHyper();
        int sequence = in.readInt();
        int flags = in.readInt();
        ChannelAttrs fore = ChannelAttrs.decode(in);
        ChannelAttrs back = ChannelAttrs.decode(in);
        in.readInt();
        int parms = in.readArrayCount(MAX_SEC_PARMS);
        for (int i = 0; i < parms; i++) {
            int flavor = in.readInt();
            switch (flavor) {
                case AUTH_NONE -> { }
                case AUTH_SYS -> AuthSys.decode(in);
                case RPCSEC_GSS -> {
                    in.readEnum();
                    in.readOpaqueBytes(MAX_GSS_HANDLE);
                    in.readOpaqueBytes(MAX_GSS_HANDLE);
                }
                default -> throw new XdrException("callback_sec_parms4 flavour " + flavor);
            }
        }
        return new Args(clientId, sequence, flags, fore, back);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        Nfs4Settings settings = c.server().settings();
        ChannelAttrs limits = new ChannelAttrs(0, RpcPipeline.DEFAULT_MAX_RECORD_SIZE, RpcPipeline.DEFAULT_MAX_RECORD_SIZE,
                settings.maxCachedReply(), settings.maxOperations(), settings.maxSlots(), -1);
        ChannelAttrs fore = args.fore().negotiate(limits);
        ChannelAttrs back = args.back().negotiate(BACK_LIMITS);
        StateManager.SessionGrant grant = c.state().createSession(args.clientId(), args.sequence(), c.principal(), fore, back);
        if (grant instanceof StateManager.RepeatedSession repeated) {
            return Ops.done(repeated.result());
        }
        StateManager.NewSession created = (StateManager.NewSession) grant;
        Session session = created.session();
        byte[] id = session.id();
        int sequence = created.sequence();
        OpResult result = OpResult.ok(out -> {
            out.writeFixedOpaque(id).writeInt(sequence).writeInt(0);
            session.fore().encode(out);
            session.back().encode(out);
        });
        c.state().createSessionAnswered(session.client(), result);
        c.touch(session.client());
        return Ops.done(result);
    }
}

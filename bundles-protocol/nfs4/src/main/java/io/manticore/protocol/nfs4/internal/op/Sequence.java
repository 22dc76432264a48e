package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.compound.SequenceReplay;
import io.manticore.protocol.nfs4.internal.state.Session;
import io.manticore.protocol.nfs4.internal.state.StateManager;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * SEQUENCE (RFC 8881 18.46): puts the COMPOUND in a session slot and renews the client's lease.
 * BADSESSION, BADSLOT, SEQ_MISORDERED, TOO_MANY_OPS and REQ_TOO_BIG as RFC 8881 18.46.3 says; a
 * retry of the slot's last request is answered from the slot, not run again.
 */
final class Sequence implements Operation<Sequence.Args> {

    record Args(byte[] sessionId, int sequence, int slot, int highestSlot, boolean cacheThis) {
    }

    @Override
    public int opcode() {
        return Opcodes.SEQUENCE;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(in.readFixedOpaqueBytes(Session.ID_BYTES), in.readInt(), in.readInt(), in.readInt(), in.readBool());
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        Session session = c.state().session(args.sessionId());
        if (c.operationCount() > session.fore().maxOperations()) {
            throw new Nfs4Exception(Nfs4Status.TOO_MANY_OPS, c.operationCount() + " operations, the session allows "
                    + session.fore().maxOperations());
        }
        if (Integer.compareUnsigned(c.requestBytes(), session.fore().maxRequestSize()) > 0) {
            throw new Nfs4Exception(Nfs4Status.REQ_TOO_BIG, c.requestBytes() + " bytes");
        }
        StateManager.SlotUse use = c.state().useSlot(session, args.slot(), args.sequence());
        byte[] id = session.id();
        int highest = session.highestSlot();
        OpResult ok = OpResult.ok(out -> out.writeFixedOpaque(id).writeInt(args.sequence()).writeInt(args.slot())
                .writeInt(highest).writeInt(highest).writeInt(0));
        if (use instanceof StateManager.Retry retry) {
            return Ops.done(new SequenceReplay(retry.reply(), ok));
        }
        c.session(session, args.slot(), args.cacheThis());
        return Ops.done(ok);
    }
}

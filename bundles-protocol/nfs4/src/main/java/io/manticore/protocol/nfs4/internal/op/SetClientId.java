package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.state.StateManager;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * SETCLIENTID (RFC 7530 16.33): records the client's identity and callback address; CLID_INUSE
 * answers with the address of the client that holds the identity under another principal.
 * Callbacks are not made yet (no delegation is granted), so the address is only kept.
 */
final class SetClientId implements Operation<SetClientId.Args> {

    /** RFC 1833 netid and universal address strings are short; these bounds are generous. */
    private static final int MAX_NETID = 64;
    private static final int MAX_ADDRESS = 256;

    record Args(long verifier, byte[] id, int program, String netid, String address, int ident) {
    }

    @Override
    public int opcode() {
        return Opcodes.SETCLIENTID;
    }

    @Override
    public Args decode(XdrDecoder in) {
        long verifier = Nfs4Xdr.readVerifier(in);
        byte[] id = in.readOpaqueBytes(Nfs4Xdr.OPAQUE_LIMIT);
        int program = in.readInt();
        String netid = in.readString(MAX_NETID);
        String address = in.readString(MAX_ADDRESS);
        return new Args(verifier, id, program, netid, address, in.readInt());
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        try {
            StateManager.ClientIdGrant grant = c.state().setClientId(args.id(), args.verifier(), c.principal(),
                    args.netid(), args.address());
            return Ops.done(OpResult.ok(out -> {
                out.writeHyper(grant.clientId());
                Nfs4Xdr.writeVerifier(out, grant.confirmVerifier());
            }));
        } catch (StateManager.ClientInUse inUse) {
            return Ops.done(OpResult.withBody(Nfs4Status.CLID_INUSE,
                    out -> out.writeString(inUse.netid()).writeString(inUse.address())));
        }
    }
}

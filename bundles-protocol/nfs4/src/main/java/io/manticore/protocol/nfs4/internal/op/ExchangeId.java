package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.attr.Bitmap;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.state.StateManager;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/**
 * EXCHANGE_ID (RFC 8881 18.35): a client id for a client owner, no pNFS, no state protection
 * (SP4_MACH_CRED is answered with SP4_NONE, which RFC 8881 18.35.3 lets the server choose;
 * SP4_SSV is refused). Every connection reports the same server owner and scope, so a client
 * may trunk them.
 */
final class ExchangeId implements Operation<ExchangeId.Args> {

    static final int FLAG_USE_NON_PNFS = 0x10000;
    static final int FLAG_UPD_CONFIRMED_REC_A = 0x40000000;
    static final int FLAG_CONFIRMED_R = 0x80000000;
    private static final int SP4_NONE = 0;
    private static final int SP4_MACH_CRED = 1;
    private static final int SP4_SSV = 2;
    private static final int MAX_OIDS = 16;
    private static final int MAX_IMPL_STRING = 1024;

    record Args(long verifier, byte[] owner, int flags, int protection) {
    }

    @Override
    public int opcode() {
        return Opcodes.EXCHANGE_ID;
    }

    @Override
    public Args decode(XdrDecoder in) {
        long verifier = Nfs4Xdr.readVerifier(in);
        byte[] owner = in.readOpaqueBytes(Nfs4Xdr.OPAQUE_LIMIT);
        int flags = in.readInt();
        int protection = in.readEnum();
        switch (protection) {
            case SP4_NONE -> { }
            case SP4_MACH_CRED -> {
                Bitmap.read(in);
                Bitmap.read(in);
            }
            case SP4_SSV -> {
                Bitmap.read(in);
                Bitmap.read(in);
                in.readArray(MAX_OIDS, d -> d.readOpaqueBytes(Nfs4Xdr.OPAQUE_LIMIT));
                in.readArray(MAX_OIDS, d -> d.readOpaqueBytes(Nfs4Xdr.OPAQUE_LIMIT));
                in.readInt();
                in.readInt();
            }
            default -> throw new XdrException("state_protect_how4 " + protection);
        }
        int implementations = in.readArrayCount(1);
        for (int i = 0; i < implementations; i++) {
            in.readOpaqueBytes(MAX_IMPL_STRING);
            in.readOpaqueBytes(MAX_IMPL_STRING);
            in.readHyper();
            in.readInt();
        }
        return new Args(verifier, owner, flags, protection);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        if ((args.flags() & FLAG_CONFIRMED_R) != 0) {
            // RFC 8881 18.35.3: only the server sets CONFIRMED_R.
            throw new Nfs4Exception(Nfs4Status.INVAL, "the client set EXCHGID4_FLAG_CONFIRMED_R");
        }
        if (args.protection() == SP4_SSV) {
            throw new Nfs4Exception(Nfs4Status.ENCR_ALG_UNSUPP, "SP4_SSV is not supported");
        }
        StateManager.Exchange exchange = c.state().exchangeId(args.owner(), args.verifier(), c.principal(),
                (args.flags() & FLAG_UPD_CONFIRMED_REC_A) != 0, c.minorVersion());
        int flags = FLAG_USE_NON_PNFS | (exchange.confirmed() ? FLAG_CONFIRMED_R : 0);
        byte[] serverOwner = c.server().serverOwner();
        return Ops.done(OpResult.ok(out -> {
            out.writeHyper(exchange.clientId()).writeInt(exchange.sequenceId()).writeInt(flags);
            out.writeInt(SP4_NONE);
            out.writeHyper(0).writeOpaque(serverOwner);
            out.writeOpaque(serverOwner);
            out.writeInt(1).writeString("manticore.io").writeString("Manticore");
            Nfs4Xdr.writeTime(out, 0);
        }));
    }
}

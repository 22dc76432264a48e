package io.manticore.protocol.nfs4.internal.compound;

import java.util.ArrayList;
import java.util.List;

import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/**
 * Decodes COMPOUND4args. A malformed header (tag, minor version, count) raises XdrException,
 * which the RPC layer answers GARBAGE_ARGS; a malformed operation ends the list with a BADXDR
 * refusal, so the operations before it still run (RFC 7530 15.2).
 */
public final class CompoundDecoder {

    /** The longest tag echoed; tags are free text the client chooses (RFC 7530 15.2). */
    public static final int MAX_TAG = 1024;
    /** The highest minor version served. */
    public static final int HIGHEST_MINOR = 2;

    private final Operations operations;
    private final int maxOperations;

    public CompoundDecoder(Operations operations, int maxOperations) {
        this.operations = operations;
        this.maxOperations = maxOperations;
    }

    public CompoundArgs decode(XdrDecoder in) {
        byte[] tag = in.readOpaqueBytes(MAX_TAG);
        int minor = in.readInt();
        long count = in.readUnsignedInt();
        if (minor < 0 || minor > HIGHEST_MINOR) {
            // RFC 7530 15.2.3: nothing is decoded past the minor version the server does not know.
            return new CompoundArgs(tag, minor, List.of(), Nfs4Status.MINOR_VERS_MISMATCH);
        }
        if (count > maxOperations) {
            // RFC 8881 15.1.1.2 drops NFS4ERR_RESOURCE for 4.1; its sessions say TOO_MANY_OPS.
            return new CompoundArgs(tag, minor, List.of(), minor == 0 ? Nfs4Status.RESOURCE : Nfs4Status.TOO_MANY_OPS);
        }
        List<DecodedOp<?>> ops = new ArrayList<>((int) count);
        try {
            for (int i = 0; i < count; i++) {
                int opcode;
                try {
                    opcode = in.readInt();
                } catch (XdrException e) {
                    ops.add(refused(new Refusal(Opcodes.ILLEGAL, Nfs4Status.BADXDR)));
                    break;
                }
                Operation<?> op = operations.lookup(opcode, minor);
                DecodedOp<?> decoded = op instanceof Refusal r ? refused(r) : decode(op, in);
                ops.add(decoded);
                if (decoded.operation() instanceof Refusal) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            ops.forEach(DecodedOp::release);
            throw e;
        }
        return new CompoundArgs(tag, minor, ops, Nfs4Status.OK);
    }

    private static <A> DecodedOp<?> decode(Operation<A> op, XdrDecoder in) {
        try {
            return new DecodedOp<>(op, op.decode(in));
        } catch (XdrException e) {
            return refused(new Refusal(op.opcode(), Nfs4Status.BADXDR));
        }
    }

    private static DecodedOp<?> refused(Refusal refusal) {
        return new DecodedOp<>(refusal, null);
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.attr.AttrEncoder;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.attr.SettableAttrs;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * VERIFY (RFC 7530 16.35) and NVERIFY (16.15): the attributes given are compared, as encoded,
 * with the object's. VERIFY fails NOT_SAME when they differ, NVERIFY SAME when they match.
 * ATTRNOTSUPP for an unsupported attribute, INVAL for a write-only one or rdattr_error.
 */
final class Verify implements Operation<SettableAttrs.Raw> {

    private final boolean wantSame;

    private Verify(boolean wantSame) {
        this.wantSame = wantSame;
    }

    static Verify verify() {
        return new Verify(true);
    }

    static Verify nverify() {
        return new Verify(false);
    }

    @Override
    public int opcode() {
        return wantSame ? Opcodes.VERIFY : Opcodes.NVERIFY;
    }

    @Override
    public SettableAttrs.Raw decode(XdrDecoder in) {
        return SettableAttrs.Raw.decode(in);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, SettableAttrs.Raw given) {
        BitSet mask = given.mask();
        BitSet unsupported = (BitSet) mask.clone();
        unsupported.andNot(Fattr.supported(c.minorVersion()));
        if (!unsupported.isEmpty()) {
            throw new Nfs4Exception(Nfs4Status.ATTRNOTSUPP, "attributes " + unsupported + " are not supported");
        }
        if (mask.intersects(Fattr.writeOnly()) || mask.get(Fattr.RDATTR_ERROR)) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "write-only attributes cannot be verified");
        }
        return AttrReader.read(c, c.fh(), mask).thenApply(source -> {
            boolean same = Arrays.equals(AttrEncoder.values(mask, source), given.values());
            if (same == wantSame) {
                return OpResult.OK;
            }
            return OpResult.of(wantSame ? Nfs4Status.NOT_SAME : Nfs4Status.SAME);
        });
    }
}

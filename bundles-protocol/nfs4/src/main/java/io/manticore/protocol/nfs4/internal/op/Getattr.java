package io.manticore.protocol.nfs4.internal.op;

import java.util.BitSet;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.attr.AttrEncoder;
import io.manticore.protocol.nfs4.internal.attr.Bitmap;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * GETATTR (RFC 7530 16.7): the supported attributes of those asked; asking for a write-only
 * one (time_access_set, time_modify_set) is INVAL (RFC 7530 5.5).
 */
final class Getattr implements Operation<BitSet> {

    @Override
    public int opcode() {
        return Opcodes.GETATTR;
    }

    @Override
    public BitSet decode(XdrDecoder in) {
        return Bitmap.read(in);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, BitSet requested) {
        if (requested.intersects(Fattr.writeOnly())) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "write-only attributes asked for");
        }
        return AttrReader.read(c, c.fh(), requested)
                .thenApply(source -> OpResult.ok(out -> AttrEncoder.fattr(out, requested, source)));
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfscommon.internal.handle.WireHandles;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** PUTFH (RFC 7530 16.20): BADHANDLE for a handle this server did not issue, STALE for a vanished export. */
final class Putfh implements Operation<byte[]> {

    @Override
    public int opcode() {
        return Opcodes.PUTFH;
    }

    @Override
    public byte[] decode(XdrDecoder in) {
        return in.readOpaqueBytes(WireHandles.NFS4_MAX_BYTES);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, byte[] handle) {
        c.fh(c.server().resolve(handle, c.peer()));
        return Ops.OK;
    }
}

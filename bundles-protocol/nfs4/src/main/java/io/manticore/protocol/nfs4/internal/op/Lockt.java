package io.manticore.protocol.nfs4.internal.op;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.manticore.api.lease.LockInfo;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.state.NfsClient;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** LOCKT (RFC 7530 16.11): whether a lock would be granted; DENIED with the conflicting lock when not. */
final class Lockt implements Operation<Lockt.Args> {

    record Args(int type, long offset, long length, long clientId, byte[] owner) {
    }

    @Override
    public int opcode() {
        return Opcodes.LOCKT;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(LockRanges.type(in.readEnum()), in.readUnsignedHyper(), in.readUnsignedHyper(), in.readHyper(),
                in.readOpaqueBytes(Nfs4Xdr.OPAQUE_LIMIT));
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        NfsClient client = c.minorVersion() == 0 ? c.state().renew(args.clientId()) : c.sessionClient();
        c.touch(client);
        Optional<LockInfo> held = c.state().testLock(client, args.owner(), file.fh(), LockRanges.of(args.offset(), args.length()),
                LockRanges.exclusive(args.type()));
        return Ops.done(held.isEmpty() ? OpResult.OK
                : OpResult.withBody(Nfs4Status.DENIED, out -> LockRanges.denied(out, held.get())));
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.ReplyWriter;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * READ (RFC 7530 16.23): up to maxread bytes under an open, the anonymous or the bypass stateid.
 * The data goes from the backend's buffers into the reply without a copy.
 */
final class Read implements Operation<Read.Args> {

    record Args(Stateid stateid, long offset, long count) {
    }

    /** READ4resok holding the backend's data, which it releases after the reply took its slice. */
    record Data(ByteBuf data, boolean eof) implements OpResult {

        @Override
        public int status() {
            return Nfs4Status.OK;
        }

        @Override
        public void encode(ReplyWriter out) {
            out.xdr().writeBool(eof);
            out.opaque(data);
        }

        @Override
        public void release() {
            data.release();
        }
    }

    @Override
    public int opcode() {
        return Opcodes.READ;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(Stateid.decode(in), in.readUnsignedHyper(), in.readUnsignedInt());
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        Io.check(c, args.stateid(), file, false);
        if (args.offset() < 0) {
            // Past 2^63: beyond any file.
            return Ops.done(new Data(Unpooled.EMPTY_BUFFER, true));
        }
        int count = (int) Math.min(args.count(), Fattr.MAX_IO);
        return c.vfs().read(c.cred(file), file.fh(), args.offset(), count).thenApply(r -> new Data(r.data(), r.eof()));
    }
}

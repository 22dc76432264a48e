package io.manticore.protocol.nfs4.internal.op;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * LISTXATTRS (RFC 8276 8.4.3): the user xattrs' names from a cookie (the index of the next name),
 * as many as fit maxcount (TOOSMALL when not one does, BAD_COOKIE past the end).
 */
final class ListXattrs implements Operation<ListXattrs.Args> {

    /** LISTXATTRS4resok without names: cookie, array count, eof. */
    private static final int FIXED = 8 + 4 + 4;

    record Args(long cookie, long maxCount) {
    }

    @Override
    public int opcode() {
        return Opcodes.LISTXATTRS;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(in.readUnsignedHyper(), in.readUnsignedInt());
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.NOTSUPP);
        return c.vfs().listXattrs(c.cred(file), file.fh()).thenApply(all -> {
            List<String> names = all.stream().filter(n -> n.startsWith(Xattrs.USER))
                    .map(n -> n.substring(Xattrs.USER.length())).toList();
            if (args.cookie() < 0 || args.cookie() > names.size()) {
                throw new Nfs4Exception(Nfs4Status.BAD_COOKIE, "cookie " + Long.toUnsignedString(args.cookie()));
            }
            List<String> sent = new ArrayList<>();
            long bytes = FIXED;
            for (int i = (int) args.cookie(); i < names.size(); i++) {
                int length = names.get(i).getBytes(StandardCharsets.UTF_8).length;
                long size = 4 + length + (-length & 3);
                if (bytes + size > args.maxCount()) {
                    break;
                }
                bytes += size;
                sent.add(names.get(i));
            }
            long next = args.cookie() + sent.size();
            if (sent.isEmpty() && next < names.size()) {
                throw new Nfs4Exception(Nfs4Status.TOOSMALL, "maxcount " + args.maxCount());
            }
            boolean eof = next == names.size();
            return OpResult.ok(out -> {
                out.writeHyper(next);
                out.writeArray(sent, (o, n) -> o.writeString(n));
                out.writeBool(eof);
            });
        });
    }
}

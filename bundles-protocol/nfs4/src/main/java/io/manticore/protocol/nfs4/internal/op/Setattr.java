package io.manticore.protocol.nfs4.internal.op;

import java.util.BitSet;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.Guard;
import io.manticore.protocol.nfs4.internal.attr.Bitmap;
import io.manticore.protocol.nfs4.internal.attr.SettableAttrs;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * SETATTR (RFC 7530 16.32): a size change needs a stateid that may write (an open for writing,
 * or the anonymous one when no open denies writes). The reply carries the attributes set, empty
 * on failure.
 */
final class Setattr implements Operation<Setattr.Args> {

    record Args(Stateid stateid, SettableAttrs.Raw attrs) {
    }

    @Override
    public int opcode() {
        return Opcodes.SETATTR;
    }

    @Override
    public Args decode(XdrDecoder in) {
        return new Args(Stateid.decode(in), SettableAttrs.Raw.decode(in));
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.ROFS);
        SettableAttrs attrs = SettableAttrs.of(args.attrs(), c.minorVersion(), c.server().owners());
        Ops.writable(file);
        if (attrs.set().size() != null) {
            Io.check(c, args.stateid(), file, true);
        }
        BitSet given = attrs.given();
        return c.vfs().setattr(c.cred(file), file.fh(), attrs.set(), Guard.NONE)
                .thenApply(wcc -> OpResult.ok(out -> Bitmap.write(out, given)));
    }

    @Override
    public OpResult failure(int status) {
        return OpResult.withBody(status, out -> Bitmap.write(out, new BitSet()));
    }
}

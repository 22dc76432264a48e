package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.fh.PseudoFh;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * ACCESS (RFC 7530 16.1, RFC 8276 8.3): the rights the mode bits grant the caller, less every
 * write on a read-only export or in the pseudo file system, which may only be read and searched.
 */
final class Access implements Operation<Integer> {

    static final int READ = 0x01;
    static final int LOOKUP = 0x02;
    static final int MODIFY = 0x04;
    static final int EXTEND = 0x08;
    static final int DELETE = 0x10;
    static final int EXECUTE = 0x20;
    static final int XAREAD = 0x40;
    static final int XAWRITE = 0x80;
    static final int XALIST = 0x100;

    @Override
    public int opcode() {
        return Opcodes.ACCESS;
    }

    @Override
    public Integer decode(XdrDecoder in) {
        return in.readInt();
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Integer asked) {
        int supported = asked & known(c.minorVersion());
        return switch (c.fh()) {
            case PseudoFh p -> Ops.done(reply(supported, supported & (READ | LOOKUP)));
            case ExportFh e -> c.vfs().getattr(c.cred(e), e.fh(), AttrMask.ALL)
                    .thenApply(attrs -> reply(supported, supported & allowed(attrs, c.cred(e), e.export().readOnly())));
        };
    }

    /** The bits this server can judge: RFC 8276's xattr bits from 4.2 on. */
    static int known(int minorVersion) {
        int bits = READ | LOOKUP | MODIFY | EXTEND | DELETE | EXECUTE;
        return minorVersion >= 2 ? bits | XAREAD | XAWRITE | XALIST : bits;
    }

    static int allowed(Attrs a, Cred cred, boolean readOnly) {
        int bits = a.permissionsFor(cred);
        boolean dir = a.isDirectory();
        int rights = 0;
        if ((bits & 4) != 0) {
            rights |= READ | XAREAD | XALIST;
        }
        if ((bits & 2) != 0 && !readOnly) {
            rights |= MODIFY | EXTEND | XAWRITE | (dir ? DELETE : 0);
        }
        if ((bits & 1) != 0) {
            rights |= dir ? LOOKUP : EXECUTE;
        }
        return rights;
    }

    private static OpResult reply(int supported, int granted) {
        return OpResult.ok(out -> out.writeInt(supported).writeInt(granted));
    }
}

package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.XattrMode;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/** SETXATTR (RFC 8276 8.4.2): EXIST or NOXATTR for CREATE and REPLACE that do not apply, XATTR2BIG past 64 KiB. */
final class SetXattr implements Operation<SetXattr.Args> {

    /** The largest value decoded at all; up to it, one past {@link Xattrs#MAX_VALUE} is XATTR2BIG. */
    private static final int MAX_DECODED = 1024 * 1024;

    record Args(XattrMode mode, byte[] name, byte[] value) {
    }

    @Override
    public int opcode() {
        return Opcodes.SETXATTR;
    }

    @Override
    public Args decode(XdrDecoder in) {
        int option = in.readEnum();
        XattrMode mode = switch (option) {
            case 0 -> XattrMode.EITHER;
            case 1 -> XattrMode.CREATE;
            case 2 -> XattrMode.REPLACE;
            default -> throw new XdrException("setxattr_option4 " + option);
        };
        return new Args(mode, Nfs4Xdr.readComponent(in), in.readOpaqueBytes(MAX_DECODED));
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh file = c.exportFh(Nfs4Status.NOTSUPP);
        String name = Xattrs.vfsName(args.name());
        if (args.value().length > Xattrs.MAX_VALUE) {
            throw new Nfs4Exception(Nfs4Status.XATTR2BIG, args.value().length + " bytes");
        }
        Ops.writable(file);
        return Xattrs.around(c, file, () -> c.vfs().setXattr(c.cred(file), file.fh(), name, args.value(), args.mode()))
                .thenApply(wcc -> OpResult.ok(out -> Nfs4Xdr.changeInfo(out, wcc)));
    }
}

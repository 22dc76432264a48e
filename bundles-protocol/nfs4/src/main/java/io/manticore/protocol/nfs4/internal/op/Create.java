package io.manticore.protocol.nfs4.internal.op;

import java.util.BitSet;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Created;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.protocol.nfs4.internal.attr.Bitmap;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.attr.SettableAttrs;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * CREATE (RFC 7530 16.4): a directory, symlink, device, FIFO or socket; regular files are made by
 * OPEN (BADTYPE here). The new object becomes the current filehandle.
 */
final class Create implements Operation<Create.Args> {

    private static final int NF4REG = 1;
    private static final int NF4DIR = 2;
    private static final int NF4BLK = 3;
    private static final int NF4CHR = 4;
    private static final int NF4LNK = 5;
    private static final int NF4SOCK = 6;
    private static final int NF4FIFO = 7;

    /** CREATE4args: the link target for NF4LNK, the device number (major, minor) for NF4BLK and NF4CHR. */
    record Args(int type, byte[] link, long rdev, byte[] name, SettableAttrs.Raw attrs) {
    }

    @Override
    public int opcode() {
        return Opcodes.CREATE;
    }

    @Override
    public Args decode(XdrDecoder in) {
        int type = in.readEnum();
        byte[] link = null;
        long rdev = 0;
        if (type == NF4LNK) {
            link = in.readOpaqueBytes(Nfs4Xdr.MAX_LINK);
        } else if (type == NF4BLK || type == NF4CHR) {
            rdev = (in.readUnsignedInt() << 32) | in.readUnsignedInt();
        }
        return new Args(type, link, rdev, Nfs4Xdr.readComponent(in), SettableAttrs.Raw.decode(in));
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        ExportFh dir = c.exportFh(Nfs4Status.ROFS);
        FileType type = typeOf(args.type());
        String name = Nfs4Xdr.name(args.name());
        Ops.writable(dir);
        SettableAttrs attrs = SettableAttrs.of(args.attrs(), c.minorVersion(), c.server().owners());
        SetAttrs set = attrs.set();
        // Only a regular file has a size to set, and those are made by OPEN.
        SetAttrs withoutSize = new SetAttrs(set.mode(), set.uid(), set.gid(), null, set.atime(), set.mtime(), set.birthtime());
        BitSet given = attrs.given();
        given.clear(Fattr.SIZE);
        Cred cred = c.cred(dir);
        CompletionStage<Created> created = switch (type) {
            case DIRECTORY -> c.vfs().mkdir(cred, dir.fh(), name, withoutSize);
            case SYMLINK -> c.vfs().symlink(cred, dir.fh(), name, linkTarget(args.link()), withoutSize);
            default -> c.vfs().mknod(cred, dir.fh(), name, type, withoutSize, args.rdev());
        };
        return created.thenApply(made -> {
            c.fh(new ExportFh(dir.export(), made.fh()));
            return OpResult.ok(out -> {
                Nfs4Xdr.changeInfo(out, made.dir());
                Bitmap.write(out, given);
            });
        });
    }

    private static FileType typeOf(int type) {
        return switch (type) {
            case NF4DIR -> FileType.DIRECTORY;
            case NF4LNK -> FileType.SYMLINK;
            case NF4BLK -> FileType.BLOCK_DEVICE;
            case NF4CHR -> FileType.CHAR_DEVICE;
            case NF4SOCK -> FileType.SOCKET;
            case NF4FIFO -> FileType.FIFO;
            case NF4REG -> throw new Nfs4Exception(Nfs4Status.BADTYPE, "regular files are made by OPEN");
            default -> throw new Nfs4Exception(Nfs4Status.BADTYPE, "nfs_ftype4 " + type + " cannot be created");
        };
    }

    /** linktext4: INVAL when empty or not UTF-8. */
    private static String linkTarget(byte[] link) {
        if (link.length == 0) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "empty symlink target");
        }
        return Nfs4Xdr.utf8(link);
    }
}

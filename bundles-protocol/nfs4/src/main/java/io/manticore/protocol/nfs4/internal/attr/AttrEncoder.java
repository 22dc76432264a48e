package io.manticore.protocol.nfs4.internal.attr;

import java.util.BitSet;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FsStat;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Writes fattr4 (RFC 7530 5): the bitmap of the attributes returned, then their values in bit order. */
public final class AttrEncoder {

    /** fattr4 maxlink: no backend reports one; this is ext4's. */
    static final int MAX_LINKS = 65_000;

    private AttrEncoder() {
    }

    /** The attributes of {@code requested} that GETATTR and READDIR return: the supported ones, less the write-only. */
    public static BitSet returned(BitSet requested, int minorVersion) {
        BitSet bits = (BitSet) requested.clone();
        bits.and(Fattr.supported(minorVersion));
        bits.andNot(Fattr.writeOnly());
        return bits;
    }

    /** fattr4 of the attributes of {@code requested} this server returns. */
    public static void fattr(XdrEncoder out, BitSet requested, AttrSource source) {
        BitSet bits = returned(requested, source.minorVersion());
        ByteBuf values = Unpooled.buffer();
        try {
            writeValues(new XdrEncoder(values), bits, source);
            Bitmap.write(out, bits);
            out.writeOpaque(values);
        } finally {
            values.release();
        }
    }

    /** The attr_vals of exactly {@code bits}, all of which must be supported and readable (VERIFY, NVERIFY). */
    public static byte[] values(BitSet bits, AttrSource source) {
        ByteBuf values = Unpooled.buffer();
        try {
            writeValues(new XdrEncoder(values), bits, source);
            return ByteBufUtil.getBytes(values);
        } finally {
            values.release();
        }
    }

    private static void writeValues(XdrEncoder out, BitSet bits, AttrSource s) {
        Attrs a = s.attrs();
        FsStat fs = s.fs();
        for (int bit = bits.nextSetBit(0); bit >= 0; bit = bits.nextSetBit(bit + 1)) {
            switch (bit) {
                case Fattr.SUPPORTED_ATTRS -> Bitmap.write(out, Fattr.supported(s.minorVersion()));
                case Fattr.TYPE -> out.writeInt(Nfs4Xdr.ftype(a.type()));
                // RFC 7530 4.2.1 FH4_PERSISTENT: handles outlive restarts (the MAC key is kept under var/).
                case Fattr.FH_EXPIRE_TYPE -> out.writeInt(0);
                case Fattr.CHANGE -> out.writeHyper(a.change());
                case Fattr.SIZE -> out.writeHyper(a.size());
                case Fattr.LINK_SUPPORT -> out.writeBool(s.capabilities().contains(Capability.HARDLINKS));
                case Fattr.SYMLINK_SUPPORT -> out.writeBool(s.capabilities().contains(Capability.SYMLINKS));
                case Fattr.NAMED_ATTR -> out.writeBool(false);
                case Fattr.FSID -> out.writeHyper(s.fsidMajor()).writeHyper(s.fsidMinor());
                case Fattr.UNIQUE_HANDLES -> out.writeBool(true);
                case Fattr.LEASE_TIME -> out.writeInt(s.leaseSeconds());
                case Fattr.RDATTR_ERROR -> out.writeInt(s.rdattrError());
                // No ACL support: the mode bits are the whole of the access rules.
                case Fattr.ACLSUPPORT -> out.writeInt(0);
                case Fattr.CANSETTIME -> out.writeBool(true);
                case Fattr.CASE_INSENSITIVE -> out.writeBool(false);
                case Fattr.CASE_PRESERVING -> out.writeBool(true);
                case Fattr.CHOWN_RESTRICTED -> out.writeBool(true);
                case Fattr.FILEHANDLE -> out.writeOpaque(s.handle());
                case Fattr.FILEID -> out.writeHyper(a.fileId());
                case Fattr.FILES_AVAIL -> out.writeHyper(fs.availableFiles());
                case Fattr.FILES_FREE -> out.writeHyper(fs.freeFiles());
                case Fattr.FILES_TOTAL -> out.writeHyper(fs.totalFiles());
                case Fattr.HOMOGENEOUS -> out.writeBool(true);
                case Fattr.MAXFILESIZE -> out.writeHyper(fs.maxFileSize());
                case Fattr.MAXLINK -> out.writeInt(MAX_LINKS);
                case Fattr.MAXNAME -> out.writeInt(fs.maxNameLength());
                case Fattr.MAXREAD, Fattr.MAXWRITE -> out.writeHyper(Fattr.MAX_IO);
                case Fattr.MODE -> out.writeInt(a.mode() & 07777);
                case Fattr.NO_TRUNC -> out.writeBool(true);
                case Fattr.NUMLINKS -> out.writeInt(a.nlink());
                case Fattr.OWNER -> out.writeString(Owners.of(a.uid()));
                case Fattr.OWNER_GROUP -> out.writeString(Owners.of(a.gid()));
                case Fattr.RAWDEV -> out.writeInt((int) (a.rdev() >>> 32)).writeInt((int) a.rdev());
                case Fattr.SPACE_AVAIL -> out.writeHyper(fs.availableBytes());
                case Fattr.SPACE_FREE -> out.writeHyper(fs.freeBytes());
                case Fattr.SPACE_TOTAL -> out.writeHyper(fs.totalBytes());
                case Fattr.SPACE_USED -> out.writeHyper(a.spaceUsed());
                case Fattr.TIME_ACCESS -> Nfs4Xdr.writeTime(out, a.atime());
                case Fattr.TIME_CREATE -> Nfs4Xdr.writeTime(out, a.birthtime());
                case Fattr.TIME_DELTA -> Nfs4Xdr.writeTime(out, 1);
                case Fattr.TIME_METADATA -> Nfs4Xdr.writeTime(out, a.ctime());
                case Fattr.TIME_MODIFY -> Nfs4Xdr.writeTime(out, a.mtime());
                case Fattr.MOUNTED_ON_FILEID -> out.writeHyper(s.mountedOnFileId());
                case Fattr.SUPPATTR_EXCLCREAT -> Bitmap.write(out, Fattr.exclusiveCreate());
                case Fattr.XATTR_SUPPORT -> out.writeBool(s.capabilities().contains(Capability.XATTR));
                default -> throw new IllegalArgumentException("attribute " + bit + " is not supported");
            }
        }
    }
}

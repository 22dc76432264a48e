package io.manticore.protocol.nfs4.internal.attr;

import java.util.BitSet;

import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.TimeSpec;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * An fattr4 a client sends to set (SETATTR, CREATE, OPEN): the attributes as VFS changes, and
 * which were given (the attrsset of the reply).
 */
public record SettableAttrs(SetAttrs set, BitSet given) {

    public static final SettableAttrs NONE = new SettableAttrs(SetAttrs.NONE, new BitSet());
    /** The attr_vals of an fattr4 to set: far more than the attributes this server sets take. */
    private static final int MAX_VALUES = 64 * 1024;
    private static final int MAX_OWNER = 1024;
    private static final int SET_TO_SERVER_TIME = 0;
    private static final int SET_TO_CLIENT_TIME = 1;

    /** A raw fattr4 as it came: decoded into changes when the operation runs. */
    public record Raw(BitSet mask, byte[] values) {

        public static Raw decode(XdrDecoder in) {
            BitSet mask = Bitmap.read(in);
            return new Raw(mask, in.readOpaqueBytes(MAX_VALUES));
        }
    }

    @Override
    public BitSet given() {
        return (BitSet) given.clone();
    }

    /**
     * The changes {@code raw} asks for (RFC 7530 16.32.4): ATTRNOTSUPP for an attribute this
     * server does not support, INVAL for one that cannot be set, BADXDR when the values do not
     * match the bitmap, BADOWNER for an owner it cannot map.
     */
    public static SettableAttrs of(Raw raw, int minorVersion, Owners owners) {
        BitSet mask = raw.mask();
        BitSet unsupported = (BitSet) mask.clone();
        unsupported.andNot(Fattr.supported(minorVersion));
        if (!unsupported.isEmpty()) {
            throw new Nfs4Exception(Nfs4Status.ATTRNOTSUPP, "attributes " + unsupported + " are not supported");
        }
        BitSet readOnly = (BitSet) mask.clone();
        readOnly.andNot(Fattr.writable());
        if (!readOnly.isEmpty()) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "attributes " + readOnly + " cannot be set");
        }
        ByteBuf values = Unpooled.wrappedBuffer(raw.values());
        try {
            SetAttrs set = decode(new XdrDecoder(values), mask, owners);
            if (values.isReadable()) {
                throw new Nfs4Exception(Nfs4Status.BADXDR, values.readableBytes() + " bytes after the attribute values");
            }
            return new SettableAttrs(set, mask);
        } catch (XdrException e) {
            throw new Nfs4Exception(Nfs4Status.BADXDR, e.getMessage());
        } finally {
            values.release();
        }
    }

    private static SetAttrs decode(XdrDecoder in, BitSet mask, Owners owners) {
        SetAttrs set = SetAttrs.NONE;
        TimeSpec atime = null;
        TimeSpec mtime = null;
        for (int bit = mask.nextSetBit(0); bit >= 0; bit = mask.nextSetBit(bit + 1)) {
            switch (bit) {
                case Fattr.SIZE -> {
                    long size = in.readUnsignedHyper();
                    if (size < 0) {
                        throw new Nfs4Exception(Nfs4Status.FBIG, "size beyond 2^63");
                    }
                    set = set.withSize(size);
                }
                case Fattr.MODE -> set = set.withMode(in.readInt() & 07777);
                case Fattr.OWNER -> set = set.withOwner(owners.uid(Nfs4Xdr.utf8(in.readOpaqueBytes(MAX_OWNER))), set.gid());
                case Fattr.OWNER_GROUP -> set = set.withOwner(set.uid(), owners.gid(Nfs4Xdr.utf8(in.readOpaqueBytes(MAX_OWNER))));
                case Fattr.TIME_ACCESS_SET -> atime = readSetTime(in);
                case Fattr.TIME_CREATE -> set = set.withBirthtime(Nfs4Xdr.readTime(in));
                case Fattr.TIME_MODIFY_SET -> mtime = readSetTime(in);
                default -> throw new IllegalStateException("attribute " + bit + " passed the writable check");
            }
        }
        return atime == null && mtime == null ? set : set.withTimes(atime, mtime);
    }

    /** settime4. */
    private static TimeSpec readSetTime(XdrDecoder in) {
        int how = in.readEnum();
        return switch (how) {
            case SET_TO_SERVER_TIME -> TimeSpec.SERVER_TIME;
            case SET_TO_CLIENT_TIME -> TimeSpec.of(Nfs4Xdr.readTime(in));
            default -> throw new XdrException("time_how4 " + how);
        };
    }
}

package io.manticore.protocol.nfs4.internal.op;

import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/** Byte ranges and lock types of LOCK, LOCKT and LOCKU (RFC 7530 16.10-16.12). */
final class LockRanges {

    static final int READ_LT = 1;
    static final int WRITE_LT = 2;
    static final int READW_LT = 3;
    static final int WRITEW_LT = 4;
    /** RFC 7530 16.10.4: a length of all ones runs to the end of the file. */
    private static final long TO_END = -1L;

    private LockRanges() {
    }

    /** nfs_lock_type4, checked. */
    static int type(int type) {
        if (type < READ_LT || type > WRITEW_LT) {
            throw new XdrException("nfs_lock_type4 " + type);
        }
        return type;
    }

    static boolean exclusive(int type) {
        return type == WRITE_LT || type == WRITEW_LT;
    }

    /** The range of offset and length: INVAL for a length of 0 or one that runs past 2^64 (RFC 7530 16.10.4). */
    static LockRange of(long offset, long length) {
        if (length == 0) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "zero-length lock");
        }
        if (length == TO_END) {
            return LockRange.toEnd(offset);
        }
        if (Long.compareUnsigned(length - 1, TO_END - offset) > 0) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "lock range past 2^64");
        }
        return new LockRange(offset, length);
    }

    /**
     * LOCK4denied of the held lock {@code held}: its range, type and owner. An owner of this
     * protocol is given back as its client id and owner string; another protocol's (NLM, SMB) as
     * client id 0 and its name.
     */
    static void denied(XdrEncoder out, LockInfo held) {
        LockRange range = held.range();
        out.writeHyper(range.offset()).writeHyper(range.reachesEnd() ? TO_END : range.length());
        out.writeInt(held.exclusive() ? WRITE_LT : READ_LT);
        LockOwner owner = held.owner();
        if (owner.protocol().equals("nfs4")) {
            byte[] id = owner.id();
            byte[] string = new byte[id.length - 1];
            System.arraycopy(id, 1, string, 0, string.length);
            out.writeHyper(Long.parseUnsignedLong(owner.clientId(), 16)).writeOpaque(string);
        } else {
            out.writeHyper(0).writeString(owner.protocol() + ":" + owner.clientId());
        }
    }
}

package io.manticore.protocol.nfs4.internal.xdr;

import java.util.EnumMap;
import java.util.Map;

import io.manticore.api.vfs.VfsError;

/** nfsstat4 (RFC 7530 13, RFC 8881 15, RFC 7862 11, RFC 8276 8.1) and the one table mapping VFS errors to it. */
public final class Nfs4Status {

    public static final int OK = 0;
    public static final int PERM = 1;
    public static final int NOENT = 2;
    public static final int IO = 5;
    public static final int NXIO = 6;
    public static final int ACCESS = 13;
    public static final int EXIST = 17;
    public static final int XDEV = 18;
    public static final int NOTDIR = 20;
    public static final int ISDIR = 21;
    public static final int INVAL = 22;
    public static final int FBIG = 27;
    public static final int NOSPC = 28;
    public static final int ROFS = 30;
    public static final int MLINK = 31;
    public static final int NAMETOOLONG = 63;
    public static final int NOTEMPTY = 66;
    public static final int DQUOT = 69;
    public static final int STALE = 70;
    public static final int BADHANDLE = 10001;
    public static final int BAD_COOKIE = 10003;
    public static final int NOTSUPP = 10004;
    public static final int TOOSMALL = 10005;
    public static final int SERVERFAULT = 10006;
    public static final int BADTYPE = 10007;
    public static final int DELAY = 10008;
    public static final int SAME = 10009;
    public static final int DENIED = 10010;
    public static final int EXPIRED = 10011;
    public static final int LOCKED = 10012;
    public static final int GRACE = 10013;
    public static final int SHARE_DENIED = 10015;
    public static final int WRONGSEC = 10016;
    public static final int CLID_INUSE = 10017;
    public static final int RESOURCE = 10018;
    public static final int NOFILEHANDLE = 10020;
    public static final int MINOR_VERS_MISMATCH = 10021;
    public static final int STALE_CLIENTID = 10022;
    public static final int STALE_STATEID = 10023;
    public static final int OLD_STATEID = 10024;
    public static final int BAD_STATEID = 10025;
    public static final int BAD_SEQID = 10026;
    public static final int NOT_SAME = 10027;
    public static final int LOCK_RANGE = 10028;
    public static final int SYMLINK = 10029;
    public static final int RESTOREFH = 10030;
    public static final int ATTRNOTSUPP = 10032;
    public static final int NO_GRACE = 10033;
    public static final int BADXDR = 10036;
    public static final int LOCKS_HELD = 10037;
    public static final int OPENMODE = 10038;
    public static final int BADOWNER = 10039;
    public static final int BADCHAR = 10040;
    public static final int BADNAME = 10041;
    public static final int BAD_RANGE = 10042;
    public static final int LOCK_NOTSUPP = 10043;
    public static final int OP_ILLEGAL = 10044;
    public static final int DEADLOCK = 10045;
    public static final int FILE_OPEN = 10046;
    public static final int ADMIN_REVOKED = 10047;
    public static final int BADSESSION = 10052;
    public static final int BADSLOT = 10053;
    public static final int COMPLETE_ALREADY = 10054;
    public static final int SEQ_MISORDERED = 10063;
    public static final int SEQUENCE_POS = 10064;
    public static final int REQ_TOO_BIG = 10065;
    public static final int REP_TOO_BIG = 10066;
    public static final int RETRY_UNCACHED_REP = 10068;
    public static final int TOO_MANY_OPS = 10070;
    public static final int OP_NOT_IN_SESSION = 10071;
    public static final int CLIENTID_BUSY = 10074;
    public static final int ENCR_ALG_UNSUPP = 10079;
    public static final int NOT_ONLY_OP = 10081;
    public static final int WRONG_TYPE = 10083;
    public static final int NOXATTR = 10095;
    public static final int XATTR2BIG = 10096;

    private static final Map<VfsError, Integer> TABLE = new EnumMap<>(VfsError.class);

    static {
        TABLE.put(VfsError.PERM, PERM);
        TABLE.put(VfsError.NOENT, NOENT);
        TABLE.put(VfsError.IO, IO);
        TABLE.put(VfsError.NXIO, NXIO);
        TABLE.put(VfsError.ACCES, ACCESS);
        TABLE.put(VfsError.EXIST, EXIST);
        TABLE.put(VfsError.XDEV, XDEV);
        // nfsstat4 has no ENODEV: a device the server cannot reach is "no such device or address".
        TABLE.put(VfsError.NODEV, NXIO);
        TABLE.put(VfsError.NOTDIR, NOTDIR);
        TABLE.put(VfsError.ISDIR, ISDIR);
        TABLE.put(VfsError.INVAL, INVAL);
        TABLE.put(VfsError.FBIG, FBIG);
        TABLE.put(VfsError.NOSPC, NOSPC);
        TABLE.put(VfsError.ROFS, ROFS);
        TABLE.put(VfsError.MLINK, MLINK);
        TABLE.put(VfsError.NAMETOOLONG, NAMETOOLONG);
        TABLE.put(VfsError.NOTEMPTY, NOTEMPTY);
        TABLE.put(VfsError.DQUOT, DQUOT);
        // RFC 7530 13.1.3.6: a symlink where a directory was needed, as Linux's nfsd answers ELOOP.
        TABLE.put(VfsError.LOOP, SYMLINK);
        TABLE.put(VfsError.NODATA, NOXATTR);
        TABLE.put(VfsError.RANGE, INVAL);
        TABLE.put(VfsError.STALE, STALE);
        TABLE.put(VfsError.BADHANDLE, BADHANDLE);
        TABLE.put(VfsError.BAD_COOKIE, BAD_COOKIE);
        TABLE.put(VfsError.NOTSUPP, NOTSUPP);
        TABLE.put(VfsError.TOOSMALL, TOOSMALL);
        TABLE.put(VfsError.SERVERFAULT, SERVERFAULT);
        TABLE.put(VfsError.BADTYPE, BADTYPE);
        TABLE.put(VfsError.DELAY, DELAY);
        TABLE.put(VfsError.NOT_SYNC, NOT_SAME);
        for (VfsError e : VfsError.values()) {
            if (!TABLE.containsKey(e)) {
                throw new ExceptionInInitializerError("no nfsstat4 for " + e);
            }
        }
    }

    private Nfs4Status() {
    }

    public static int of(VfsError error) {
        return TABLE.get(error);
    }
}

package io.manticore.protocol.nfs4.internal.attr;

import java.util.BitSet;

/** Attribute numbers (RFC 7530 5, RFC 8881 5, RFC 7862 12.2, RFC 8276 8.2) and the sets this server supports. */
public final class Fattr {

    public static final int SUPPORTED_ATTRS = 0;
    public static final int TYPE = 1;
    public static final int FH_EXPIRE_TYPE = 2;
    public static final int CHANGE = 3;
    public static final int SIZE = 4;
    public static final int LINK_SUPPORT = 5;
    public static final int SYMLINK_SUPPORT = 6;
    public static final int NAMED_ATTR = 7;
    public static final int FSID = 8;
    public static final int UNIQUE_HANDLES = 9;
    public static final int LEASE_TIME = 10;
    public static final int RDATTR_ERROR = 11;
    public static final int ACL = 12;
    public static final int ACLSUPPORT = 13;
    public static final int CANSETTIME = 15;
    public static final int CASE_INSENSITIVE = 16;
    public static final int CASE_PRESERVING = 17;
    public static final int CHOWN_RESTRICTED = 18;
    public static final int FILEHANDLE = 19;
    public static final int FILEID = 20;
    public static final int FILES_AVAIL = 21;
    public static final int FILES_FREE = 22;
    public static final int FILES_TOTAL = 23;
    public static final int HOMOGENEOUS = 26;
    public static final int MAXFILESIZE = 27;
    public static final int MAXLINK = 28;
    public static final int MAXNAME = 29;
    public static final int MAXREAD = 30;
    public static final int MAXWRITE = 31;
    public static final int MODE = 33;
    public static final int NO_TRUNC = 34;
    public static final int NUMLINKS = 35;
    public static final int OWNER = 36;
    public static final int OWNER_GROUP = 37;
    public static final int RAWDEV = 41;
    public static final int SPACE_AVAIL = 42;
    public static final int SPACE_FREE = 43;
    public static final int SPACE_TOTAL = 44;
    public static final int SPACE_USED = 45;
    public static final int TIME_ACCESS = 47;
    public static final int TIME_ACCESS_SET = 48;
    public static final int TIME_CREATE = 50;
    public static final int TIME_DELTA = 51;
    public static final int TIME_METADATA = 52;
    public static final int TIME_MODIFY = 53;
    public static final int TIME_MODIFY_SET = 54;
    public static final int MOUNTED_ON_FILEID = 55;
    public static final int SUPPATTR_EXCLCREAT = 75;
    public static final int XATTR_SUPPORT = 82;

    /** fattr4 maxread and maxwrite: 1 MiB, as the RPC record limit leaves room for. */
    public static final int MAX_IO = 1024 * 1024;

    private static final BitSet COMMON = Bitmap.of(SUPPORTED_ATTRS, TYPE, FH_EXPIRE_TYPE, CHANGE, SIZE, LINK_SUPPORT,
            SYMLINK_SUPPORT, NAMED_ATTR, FSID, UNIQUE_HANDLES, LEASE_TIME, RDATTR_ERROR, ACLSUPPORT, CANSETTIME,
            CASE_INSENSITIVE, CASE_PRESERVING, CHOWN_RESTRICTED, FILEHANDLE, FILEID, FILES_AVAIL, FILES_FREE, FILES_TOTAL,
            HOMOGENEOUS, MAXFILESIZE, MAXLINK, MAXNAME, MAXREAD, MAXWRITE, MODE, NO_TRUNC, NUMLINKS, OWNER, OWNER_GROUP,
            RAWDEV, SPACE_AVAIL, SPACE_FREE, SPACE_TOTAL, SPACE_USED, TIME_ACCESS, TIME_ACCESS_SET, TIME_CREATE,
            TIME_DELTA, TIME_METADATA, TIME_MODIFY, TIME_MODIFY_SET, MOUNTED_ON_FILEID);
    private static final BitSet WRITABLE = Bitmap.of(SIZE, MODE, OWNER, OWNER_GROUP, TIME_ACCESS_SET, TIME_CREATE,
            TIME_MODIFY_SET);
    private static final BitSet WRITE_ONLY = Bitmap.of(TIME_ACCESS_SET, TIME_MODIFY_SET);
    /** RFC 8881 5.8.1.14: what EXCLUSIVE4_1 may set; the times are left to hold the verifier, as Linux's nfsd does. */
    private static final BitSet EXCLUSIVE_CREATE = Bitmap.of(SIZE, MODE, OWNER, OWNER_GROUP);
    private static final BitSet NEEDS_FS_STAT = Bitmap.of(FILES_AVAIL, FILES_FREE, FILES_TOTAL, MAXFILESIZE, MAXNAME,
            SPACE_AVAIL, SPACE_FREE, SPACE_TOTAL);

    private Fattr() {
    }

    /** supported_attrs of minor version {@code minor}. */
    public static BitSet supported(int minor) {
        BitSet set = (BitSet) COMMON.clone();
        if (minor >= 1) {
            set.set(SUPPATTR_EXCLCREAT);
        }
        if (minor >= 2) {
            set.set(XATTR_SUPPORT);
        }
        return set;
    }

    public static BitSet writable() {
        return (BitSet) WRITABLE.clone();
    }

    public static BitSet writeOnly() {
        return (BitSet) WRITE_ONLY.clone();
    }

    public static BitSet exclusiveCreate() {
        return (BitSet) EXCLUSIVE_CREATE.clone();
    }

    /** True when encoding {@code requested} needs the file system's figures (statfs). */
    public static boolean needsFsStat(BitSet requested) {
        return requested.intersects(NEEDS_FS_STAT);
    }
}

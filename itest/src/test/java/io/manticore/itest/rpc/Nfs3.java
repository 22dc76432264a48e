package io.manticore.itest.rpc;

/** The numbers of NFS version 3 (RFC 1813): program, procedures, nfsstat3 and the argument enums. */
public final class Nfs3 {

    public static final int PROGRAM = 100003;
    public static final int VERSION = 3;

    public static final int NULL = 0;
    public static final int GETATTR = 1;
    public static final int SETATTR = 2;
    public static final int LOOKUP = 3;
    public static final int ACCESS = 4;
    public static final int READLINK = 5;
    public static final int READ = 6;
    public static final int WRITE = 7;
    public static final int CREATE = 8;
    public static final int MKDIR = 9;
    public static final int SYMLINK = 10;
    public static final int MKNOD = 11;
    public static final int REMOVE = 12;
    public static final int RMDIR = 13;
    public static final int RENAME = 14;
    public static final int LINK = 15;
    public static final int READDIR = 16;
    public static final int READDIRPLUS = 17;
    public static final int FSSTAT = 18;
    public static final int FSINFO = 19;
    public static final int PATHCONF = 20;
    public static final int COMMIT = 21;

    public static final int OK = 0;
    public static final int ERR_PERM = 1;
    public static final int ERR_NOENT = 2;
    public static final int ERR_IO = 5;
    public static final int ERR_ACCES = 13;
    public static final int ERR_EXIST = 17;
    public static final int ERR_XDEV = 18;
    public static final int ERR_NOTDIR = 20;
    public static final int ERR_ISDIR = 21;
    public static final int ERR_INVAL = 22;
    public static final int ERR_ROFS = 30;
    public static final int ERR_NAMETOOLONG = 63;
    public static final int ERR_NOTEMPTY = 66;
    public static final int ERR_STALE = 70;
    public static final int ERR_BADHANDLE = 10001;
    public static final int ERR_NOT_SYNC = 10002;
    public static final int ERR_BAD_COOKIE = 10003;
    public static final int ERR_NOTSUPP = 10004;
    public static final int ERR_TOOSMALL = 10005;
    public static final int ERR_BADTYPE = 10007;

    public static final int ACCESS_READ = 0x01;
    public static final int ACCESS_LOOKUP = 0x02;
    public static final int ACCESS_MODIFY = 0x04;
    public static final int ACCESS_EXTEND = 0x08;
    public static final int ACCESS_DELETE = 0x10;
    public static final int ACCESS_EXECUTE = 0x20;
    public static final int ACCESS_ALL = 0x3f;

    public static final int UNSTABLE = 0;
    public static final int DATA_SYNC = 1;
    public static final int FILE_SYNC = 2;

    public static final int UNCHECKED = 0;
    public static final int GUARDED = 1;
    public static final int EXCLUSIVE = 2;

    public static final int FSF3_LINK = 0x1;
    public static final int FSF3_SYMLINK = 0x2;
    public static final int FSF3_HOMOGENEOUS = 0x8;
    public static final int FSF3_CANSETTIME = 0x10;

    private Nfs3() {
    }
}

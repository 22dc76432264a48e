package io.manticore.itest.rpc;

/** fattr3 (RFC 1813 2.6): the attributes of a file as NFSv3 sends them. */
public record Fattr3(int type, int mode, long nlink, long uid, long gid, long size, long used, long rdevMajor,
                     long rdevMinor, long fsid, long fileId, NfsTime atime, NfsTime mtime, NfsTime ctime) {

    public static final int NF3REG = 1;
    public static final int NF3DIR = 2;
    public static final int NF3BLK = 3;
    public static final int NF3CHR = 4;
    public static final int NF3LNK = 5;
    public static final int NF3SOCK = 6;
    public static final int NF3FIFO = 7;

    static Fattr3 read(XdrReader in) {
        return new Fattr3(in.readInt(), in.readInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                in.readHyper(), in.readHyper(), in.readUnsignedInt(), in.readUnsignedInt(), in.readHyper(), in.readHyper(),
                NfsTime.read(in), NfsTime.read(in), NfsTime.read(in));
    }

    /** post_op_attr: the attributes, or null when the server sent none. */
    static Fattr3 readPostOp(XdrReader in) {
        return in.readBool() ? read(in) : null;
    }
}

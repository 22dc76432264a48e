package io.manticore.protocol.nfs3.internal.xdr;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.TimeSpec;
import io.manticore.api.vfs.Wcc;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/** The NFSv3 attribute types of RFC 1813 2.5–2.6: fattr3, wcc data, sattr3, times. */
public final class Nfs3Xdr {

    /** RFC 1813 2.4 MAXNAMLEN is unbounded in the RFC; 255 bytes is what every server allows. */
    public static final int MAX_NAME = 255;
    /** RFC 1813 MAXPATHLEN as Linux uses it. */
    public static final int MAX_PATH = 4096;

    private static final long NANOS = 1_000_000_000L;
    private static final int DONT_CHANGE = 0;
    private static final int SET_TO_SERVER_TIME = 1;
    private static final int SET_TO_CLIENT_TIME = 2;

    private Nfs3Xdr() {
    }

    /** ftype3. */
    public static int ftype(FileType type) {
        return switch (type) {
            case REGULAR -> 1;
            case DIRECTORY -> 2;
            case BLOCK_DEVICE -> 3;
            case CHAR_DEVICE -> 4;
            case SYMLINK -> 5;
            case SOCKET -> 6;
            case FIFO -> 7;
        };
    }

    /** ftype3 back to a type, for MKNOD; null for a value that is not one. */
    public static FileType fileType(int ftype) {
        return switch (ftype) {
            case 1 -> FileType.REGULAR;
            case 2 -> FileType.DIRECTORY;
            case 3 -> FileType.BLOCK_DEVICE;
            case 4 -> FileType.CHAR_DEVICE;
            case 5 -> FileType.SYMLINK;
            case 6 -> FileType.SOCKET;
            case 7 -> FileType.FIFO;
            default -> null;
        };
    }

    /** fattr3; {@code fsid} identifies the mount the file lives on. */
    public static void fattr(XdrEncoder out, Attrs a, long fsid) {
        out.writeInt(ftype(a.type()));
        out.writeInt(a.mode() & 07777);
        out.writeInt(a.nlink());
        out.writeInt(a.uid());
        out.writeInt(a.gid());
        out.writeHyper(a.size());
        out.writeHyper(a.spaceUsed());
        out.writeInt((int) (a.rdev() >>> 32));
        out.writeInt((int) a.rdev());
        out.writeHyper(fsid);
        out.writeHyper(a.fileId());
        time(out, a.atime());
        time(out, a.mtime());
        time(out, a.ctime());
    }

    /** post_op_attr: the attributes, or FALSE when {@code a} is null. */
    public static void postOp(XdrEncoder out, Attrs a, long fsid) {
        if (a == null) {
            out.writeBool(false);
            return;
        }
        out.writeBool(true);
        fattr(out, a, fsid);
    }

    /** pre_op_attr: size, mtime and ctime, or FALSE when {@code a} is null. */
    public static void preOp(XdrEncoder out, Attrs a) {
        if (a == null) {
            out.writeBool(false);
            return;
        }
        out.writeBool(true);
        out.writeHyper(a.size());
        time(out, a.mtime());
        time(out, a.ctime());
    }

    /** wcc_data; both halves FALSE when {@code wcc} is null. */
    public static void wcc(XdrEncoder out, Wcc wcc, long fsid) {
        preOp(out, wcc == null ? null : wcc.before());
        postOp(out, wcc == null ? null : wcc.after(), fsid);
    }

    /** nfstime3 from nanoseconds since the epoch. */
    public static void time(XdrEncoder out, long nanos) {
        out.writeInt((int) Math.floorDiv(nanos, NANOS));
        out.writeInt((int) Math.floorMod(nanos, NANOS));
    }

    /** nfstime3 to nanoseconds since the epoch; the seconds are unsigned. */
    public static long readTime(XdrDecoder in) {
        long seconds = in.readUnsignedInt();
        long nanos = in.readUnsignedInt();
        if (nanos >= NANOS) {
            throw new XdrException("nfstime3 nseconds " + nanos + " out of range");
        }
        return seconds * NANOS + nanos;
    }

    /** sattr3. */
    public static SetAttrs readSattr(XdrDecoder in) {
        Integer mode = in.readBool() ? in.readInt() & 07777 : null;
        Integer uid = in.readBool() ? in.readInt() : null;
        Integer gid = in.readBool() ? in.readInt() : null;
        Long size = in.readBool() ? in.readUnsignedHyper() : null;
        if (size != null && size < 0) {
            throw new XdrException("size beyond 2^63");
        }
        TimeSpec atime = readTimeHow(in);
        TimeSpec mtime = readTimeHow(in);
        return new SetAttrs(mode, uid, gid, size, atime, mtime, null);
    }

    private static TimeSpec readTimeHow(XdrDecoder in) {
        int how = in.readEnum();
        return switch (how) {
            case DONT_CHANGE -> null;
            case SET_TO_SERVER_TIME -> TimeSpec.SERVER_TIME;
            case SET_TO_CLIENT_TIME -> TimeSpec.of(readTime(in));
            default -> throw new XdrException("time_how " + how);
        };
    }
}

package io.manticore.itest.rpc;

/**
 * sattr3 (RFC 1813 2.6): the attributes to set; null fields are left as they are. Times are set
 * to the client's time given, or to the server's time when {@code serverTime} is used.
 */
public record Sattr3(Integer mode, Integer uid, Integer gid, Long size, NfsTime atime, NfsTime mtime) {

    public static final Sattr3 NONE = new Sattr3(null, null, null, null, null, null);
    /** Marks a time to be set to the server's clock (SET_TO_SERVER_TIME). */
    public static final NfsTime SERVER_TIME = new NfsTime(-1, -1);

    private static final int DONT_CHANGE = 0;
    private static final int SET_TO_SERVER_TIME = 1;
    private static final int SET_TO_CLIENT_TIME = 2;

    public static Sattr3 mode(int mode) {
        return new Sattr3(mode, null, null, null, null, null);
    }

    public static Sattr3 size(long size) {
        return new Sattr3(null, null, null, size, null, null);
    }

    void write(XdrWriter out) {
        optionalInt(out, mode);
        optionalInt(out, uid);
        optionalInt(out, gid);
        out.writeBool(size != null);
        if (size != null) {
            out.writeHyper(size);
        }
        time(out, atime);
        time(out, mtime);
    }

    private static void optionalInt(XdrWriter out, Integer value) {
        out.writeBool(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static void time(XdrWriter out, NfsTime t) {
        if (t == null) {
            out.writeInt(DONT_CHANGE);
        } else if (t == SERVER_TIME) {
            out.writeInt(SET_TO_SERVER_TIME);
        } else {
            out.writeInt(SET_TO_CLIENT_TIME);
            t.write(out);
        }
    }
}

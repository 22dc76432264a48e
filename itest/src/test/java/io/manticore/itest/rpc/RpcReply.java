package io.manticore.itest.rpc;

/**
 * A decoded RPC reply (RFC 5531 9, reply_body). For MSG_ACCEPTED, {@code acceptStat} is set and,
 * for SUCCESS, {@code results} holds the procedure's results; for PROG_MISMATCH {@code low} and
 * {@code high} are the versions served. For MSG_DENIED, {@code rejectStat} says RPC_MISMATCH
 * ({@code low}, {@code high}) or AUTH_ERROR ({@code authStat}). Unused fields are -1.
 */
public record RpcReply(int xid, int replyStat, int acceptStat, int rejectStat, int authStat, int low, int high,
                       int verifierFlavor, byte[] results) {

    public static final int MSG_ACCEPTED = 0;
    public static final int MSG_DENIED = 1;

    public static final int SUCCESS = 0;
    public static final int PROG_UNAVAIL = 1;
    public static final int PROG_MISMATCH = 2;
    public static final int PROC_UNAVAIL = 3;
    public static final int GARBAGE_ARGS = 4;
    public static final int SYSTEM_ERR = 5;

    public static final int RPC_MISMATCH = 0;
    public static final int AUTH_ERROR = 1;

    public static final int AUTH_BADCRED = 1;
    public static final int AUTH_REJECTEDCRED = 2;
    public static final int AUTH_TOOWEAK = 5;

    private static final int REPLY = 1;

    /** Decodes one record; any deviation from RFC 5531's reply layout fails the test. */
    public static RpcReply parse(byte[] record) {
        XdrReader in = new XdrReader(record);
        int xid = in.readInt();
        int type = in.readInt();
        if (type != REPLY) {
            throw new AssertionError("message type " + type + " where a REPLY (1) was expected");
        }
        int replyStat = in.readInt();
        if (replyStat == MSG_ACCEPTED) {
            int verifierFlavor = in.readInt();
            in.readOpaque();
            int acceptStat = in.readInt();
            if (acceptStat == PROG_MISMATCH) {
                int low = in.readInt();
                int high = in.readInt();
                in.end();
                return new RpcReply(xid, replyStat, acceptStat, -1, -1, low, high, verifierFlavor, new byte[0]);
            }
            byte[] results = new byte[in.remaining()];
            System.arraycopy(record, record.length - results.length, results, 0, results.length);
            return new RpcReply(xid, replyStat, acceptStat, -1, -1, -1, -1, verifierFlavor, results);
        }
        if (replyStat != MSG_DENIED) {
            throw new AssertionError("reply_stat " + replyStat);
        }
        int rejectStat = in.readInt();
        if (rejectStat == RPC_MISMATCH) {
            int low = in.readInt();
            int high = in.readInt();
            in.end();
            return new RpcReply(xid, replyStat, -1, rejectStat, -1, low, high, -1, new byte[0]);
        }
        if (rejectStat != AUTH_ERROR) {
            throw new AssertionError("reject_stat " + rejectStat);
        }
        int authStat = in.readInt();
        in.end();
        return new RpcReply(xid, replyStat, -1, rejectStat, authStat, -1, -1, -1, new byte[0]);
    }

    /** The results of a successful call; fails the test with what the reply was otherwise. */
    public XdrReader success() {
        if (replyStat != MSG_ACCEPTED || acceptStat != SUCCESS) {
            throw new AssertionError("expected MSG_ACCEPTED SUCCESS, got " + this);
        }
        return new XdrReader(results);
    }

    @Override
    public byte[] results() {
        return results.clone();
    }

    @Override
    public String toString() {
        return "RpcReply[xid=" + Integer.toUnsignedString(xid) + ", reply_stat=" + replyStat + ", accept_stat=" + acceptStat
                + ", reject_stat=" + rejectStat + ", auth_stat=" + authStat + ", low=" + low + ", high=" + high
                + ", " + results.length + " result bytes]";
    }
}

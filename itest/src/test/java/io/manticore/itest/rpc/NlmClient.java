package io.manticore.itest.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * NLM version 4 (program 100021, X/Open XNFS "Network Lock Manager Protocol", NLM v4) over an
 * {@link RpcClient}: the synchronous procedures a client calls. Every reply is read to its last
 * byte: a reply longer or shorter than its XDR type fails the test.
 */
public final class NlmClient {

    public static final int PROGRAM = 100021;
    public static final int VERSION = 4;

    public static final int TEST = 1;
    public static final int LOCK = 2;
    public static final int CANCEL = 3;
    public static final int UNLOCK = 4;
    public static final int GRANTED = 5;
    /** TEST_MSG … UNLOCK_MSG are TEST … UNLOCK plus this; their _RES plus twice this. */
    public static final int MSG_OFFSET = 5;
    public static final int SHARE = 20;
    public static final int UNSHARE = 21;
    public static final int NM_LOCK = 22;
    public static final int FREE_ALL = 23;

    /** nlm4_stats. */
    public static final int LCK_GRANTED = 0;
    public static final int LCK_DENIED = 1;
    public static final int LCK_DENIED_NOLOCKS = 2;
    public static final int LCK_BLOCKED = 3;
    public static final int LCK_DENIED_GRACE_PERIOD = 4;
    public static final int LCK_DEADLCK = 5;
    public static final int LCK_ROFS = 6;
    public static final int LCK_STALE_FH = 7;
    public static final int LCK_FBIG = 8;
    public static final int LCK_FAILED = 9;

    private final RpcClient rpc;
    private final Auth auth;

    public NlmClient(RpcClient rpc, Auth auth) {
        this.rpc = rpc;
        this.auth = auth;
    }

    /**
     * nlm4_lock: the client host's name, the file's NFS handle, the owner ({@code oh} and the
     * process id {@code svid}) and the byte range (unsigned; length 0 runs to the end of the file).
     */
    public record Lock(String callerName, byte[] fh, byte[] oh, int svid, long offset, long length) {

        public Lock {
            fh = fh.clone();
            oh = oh.clone();
        }

        /** A lock of the owner {@code owner} (its bytes are the oh) of host {@code host}. */
        public static Lock of(String host, byte[] fh, String owner, int svid, long offset, long length) {
            return new Lock(host, fh, owner.getBytes(StandardCharsets.US_ASCII), svid, offset, length);
        }

        /** The same owner on another range. */
        public Lock range(long newOffset, long newLength) {
            return new Lock(callerName, fh, oh, svid, newOffset, newLength);
        }

        @Override
        public byte[] fh() {
            return fh.clone();
        }

        @Override
        public byte[] oh() {
            return oh.clone();
        }

        public void write(XdrWriter out) {
            out.writeString(callerName).writeOpaque(fh).writeOpaque(oh).writeInt(svid).writeHyper(offset).writeHyper(length);
        }

        public static Lock read(XdrReader in) {
            return new Lock(in.readString(), in.readOpaque(), in.readOpaque(), in.readInt(), in.readHyper(), in.readHyper());
        }

        /** The nlm4_holder another owner's TEST reports for this lock. */
        public Holder holder(boolean exclusive) {
            return new Holder(exclusive, svid, oh, offset, length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Lock l && l.callerName.equals(callerName) && Arrays.equals(l.fh, fh)
                    && Arrays.equals(l.oh, oh) && l.svid == svid && l.offset == offset && l.length == length;
        }

        @Override
        public int hashCode() {
            return Objects.hash(callerName, Arrays.hashCode(fh), Arrays.hashCode(oh), svid, offset, length);
        }

        @Override
        public String toString() {
            return "Lock[" + callerName + ", fh " + HexFormat.of().formatHex(fh) + ", oh " + HexFormat.of().formatHex(oh)
                    + ", svid " + svid + ", " + Long.toUnsignedString(offset) + "+" + Long.toUnsignedString(length) + "]";
        }
    }

    /** nlm4_holder: the lock a TEST conflicts with. */
    public record Holder(boolean exclusive, int svid, byte[] oh, long offset, long length) {

        public Holder {
            oh = oh.clone();
        }

        @Override
        public byte[] oh() {
            return oh.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Holder h && h.exclusive == exclusive && h.svid == svid && Arrays.equals(h.oh, oh)
                    && h.offset == offset && h.length == length;
        }

        @Override
        public int hashCode() {
            return Objects.hash(exclusive, svid, Arrays.hashCode(oh), offset, length);
        }

        @Override
        public String toString() {
            return "Holder[" + (exclusive ? "exclusive" : "shared") + ", svid " + svid + ", oh "
                    + HexFormat.of().formatHex(oh) + ", " + Long.toUnsignedString(offset) + "+" + Long.toUnsignedString(length) + "]";
        }
    }

    /** nlm4_res: the cookie echoed and the status. */
    public record Res(byte[] cookie, int status) {

        public Res {
            cookie = cookie.clone();
        }

        @Override
        public byte[] cookie() {
            return cookie.clone();
        }
    }

    /** nlm4_testres: the cookie, the status and, for LCK_DENIED, the conflicting holder (else null). */
    public record TestResult(byte[] cookie, int status, Holder holder) {

        public TestResult {
            cookie = cookie.clone();
        }

        @Override
        public byte[] cookie() {
            return cookie.clone();
        }
    }

    /** Calls {@code procedure} with hand-made arguments and returns the raw reply. */
    public RpcReply call(int procedure, byte[] args) throws IOException {
        return rpc.call(PROGRAM, VERSION, procedure, auth, args);
    }

    public TestResult test(byte[] cookie, boolean exclusive, Lock lock) throws IOException {
        XdrWriter w = new XdrWriter().writeOpaque(cookie).writeBool(exclusive);
        lock.write(w);
        XdrReader in = call(TEST, w.toByteArray()).success();
        byte[] echoed = in.readOpaque();
        int status = in.readInt();
        Holder holder = null;
        if (status == LCK_DENIED) {
            holder = new Holder(in.readBool(), in.readInt(), in.readOpaque(), in.readHyper(), in.readHyper());
        }
        in.end();
        return new TestResult(echoed, status, holder);
    }

    public Res lock(byte[] cookie, boolean block, boolean exclusive, Lock lock, boolean reclaim, int state) throws IOException {
        return res(call(LOCK, lockArgs(cookie, block, exclusive, lock, reclaim, state)));
    }

    /** LOCK, not blocking, not a reclaim. */
    public Res lock(byte[] cookie, boolean exclusive, Lock lock) throws IOException {
        return lock(cookie, false, exclusive, lock, false, 0);
    }

    /** nlm4_lockargs, for LOCK, NM_LOCK and a hand-made retransmission. */
    public static byte[] lockArgs(byte[] cookie, boolean block, boolean exclusive, Lock lock, boolean reclaim, int state) {
        XdrWriter w = new XdrWriter().writeOpaque(cookie).writeBool(block).writeBool(exclusive);
        lock.write(w);
        return w.writeBool(reclaim).writeInt(state).toByteArray();
    }

    public Res nmLock(byte[] cookie, boolean block, boolean exclusive, Lock lock) throws IOException {
        return res(call(NM_LOCK, lockArgs(cookie, block, exclusive, lock, false, 0)));
    }

    public Res cancel(byte[] cookie, boolean block, boolean exclusive, Lock lock) throws IOException {
        XdrWriter w = new XdrWriter().writeOpaque(cookie).writeBool(block).writeBool(exclusive);
        lock.write(w);
        return res(call(CANCEL, w.toByteArray()));
    }

    public Res unlock(byte[] cookie, Lock lock) throws IOException {
        XdrWriter w = new XdrWriter().writeOpaque(cookie);
        lock.write(w);
        return res(call(UNLOCK, w.toByteArray()));
    }

    /** LOCK_MSG: the reply is void; the result comes as a LOCK_RES call to the client's NLM. */
    public void lockMsg(byte[] cookie, boolean exclusive, Lock lock) throws IOException {
        call(LOCK + MSG_OFFSET, lockArgs(cookie, false, exclusive, lock, false, 0)).success().end();
    }

    /** TEST_MSG: the reply is void; the result comes as a TEST_RES call. */
    public void testMsg(byte[] cookie, boolean exclusive, Lock lock) throws IOException {
        call(TEST + MSG_OFFSET, testArgs(cookie, exclusive, lock)).success().end();
    }

    /** SHARE or UNSHARE of {@code fh} by the owner {@code oh} of {@code host}; returns the nlm4_stats. */
    public int share(int procedure, byte[] cookie, String host, byte[] fh, byte[] oh, int denyMode, int access)
            throws IOException {
        XdrWriter w = new XdrWriter().writeOpaque(cookie).writeString(host).writeOpaque(fh).writeOpaque(oh)
                .writeInt(denyMode).writeInt(access).writeBool(false);
        XdrReader in = call(procedure, w.toByteArray()).success();
        in.readOpaque();
        int status = in.readInt();
        in.readInt();
        in.end();
        return status;
    }

    /** FREE_ALL (nlm4_notify: the host's name and its NSM state); the result is void. */
    public void freeAll(String host, int state) throws IOException {
        call(FREE_ALL, new XdrWriter().writeString(host).writeInt(state).toByteArray()).success().end();
    }

    /** nlm4_testargs, as NLM4_GRANTED carries them. */
    public static byte[] testArgs(byte[] cookie, boolean exclusive, Lock lock) {
        XdrWriter w = new XdrWriter().writeOpaque(cookie).writeBool(exclusive);
        lock.write(w);
        return w.toByteArray();
    }

    /** Reads an nlm4_res from a successful reply. */
    public static Res res(RpcReply reply) {
        XdrReader in = reply.success();
        Res res = new Res(in.readOpaque(), in.readInt());
        in.end();
        return res;
    }
}

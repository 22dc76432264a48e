package io.manticore.protocol.nfs4.internal.xdr;

import java.util.Arrays;
import java.util.HexFormat;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/**
 * A stateid4 (RFC 8881 8.2): a sequence number and 12 opaque bytes. The server's own stateids
 * carry the client id (8 bytes) and the state's index within that client (4 bytes) in them.
 */
public final class Stateid {

    public static final int OTHER_BYTES = 12;
    /** RFC 8881 8.2.3: all zeros, READ and WRITE without an open. */
    public static final Stateid ANONYMOUS = new Stateid(0, new byte[OTHER_BYTES]);
    /** RFC 8881 8.2.3: all ones, READ bypassing share reservations. */
    public static final Stateid BYPASS = new Stateid(-1, filled((byte) 0xff));
    /** RFC 8881 8.2.3: seqid 1, other zeros: the compound's current stateid. */
    public static final Stateid CURRENT = new Stateid(1, new byte[OTHER_BYTES]);
    /** RFC 8881 8.2.3: seqid all ones, other zeros: never valid, what CLOSE returns in 4.1. */
    public static final Stateid INVALID = new Stateid(-1, new byte[OTHER_BYTES]);

    private final int seqid;
    private final byte[] other;

    private Stateid(int seqid, byte[] other) {
        this.seqid = seqid;
        this.other = other;
    }

    /** The server's stateid {@code index} of client {@code clientId} at {@code seqid}. */
    public static Stateid of(int seqid, long clientId, int index) {
        byte[] other = new byte[OTHER_BYTES];
        for (int i = 0; i < 8; i++) {
            other[i] = (byte) (clientId >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            other[8 + i] = (byte) (index >>> (24 - 8 * i));
        }
        return new Stateid(seqid, other);
    }

    public static Stateid decode(XdrDecoder in) {
        int seqid = in.readInt();
        return new Stateid(seqid, in.readFixedOpaqueBytes(OTHER_BYTES));
    }

    public void encode(XdrEncoder out) {
        out.writeInt(seqid).writeFixedOpaque(other);
    }

    public int seqid() {
        return seqid;
    }

    /** The client id a server stateid carries. */
    public long clientId() {
        long id = 0;
        for (int i = 0; i < 8; i++) {
            id = id << 8 | (other[i] & 0xff);
        }
        return id;
    }

    /** The state index a server stateid carries. */
    public int index() {
        int index = 0;
        for (int i = 0; i < 4; i++) {
            index = index << 8 | (other[8 + i] & 0xff);
        }
        return index;
    }

    public boolean isAnonymous() {
        return equals(ANONYMOUS);
    }

    public boolean isBypass() {
        return equals(BYPASS);
    }

    public boolean isCurrent() {
        return equals(CURRENT);
    }

    /** True for the stateids RFC 8881 8.2.3 reserves: a zero "other" or the all-ones one. */
    public boolean isSpecial() {
        return Arrays.equals(other, ANONYMOUS.other) || Arrays.equals(other, BYPASS.other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stateid s && s.seqid == seqid && Arrays.equals(s.other, other);
    }

    @Override
    public int hashCode() {
        return 31 * seqid + Arrays.hashCode(other);
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(seqid) + ":" + HexFormat.of().formatHex(other);
    }

    private static byte[] filled(byte value) {
        byte[] b = new byte[OTHER_BYTES];
        Arrays.fill(b, value);
        return b;
    }
}

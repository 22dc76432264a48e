package io.manticore.protocol.oncrpc.internal;

import java.util.Arrays;
import java.util.Objects;

import io.manticore.api.cred.Cred;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/**
 * AUTH_SYS (RFC 5531 appendix A, authsys_parms): the identity the client asserts.
 *
 * @param stamp       an arbitrary id the client made up
 * @param machineName the client's name, at most {@value #MAX_MACHINE_NAME} bytes
 * @param uid         the user id
 * @param gid         the primary group id
 * @param gids        at most {@value #MAX_GIDS} supplementary groups (a defensive copy is kept)
 */
public record AuthSys(int stamp, String machineName, int uid, int gid, int[] gids) implements Credential {

    public static final int MAX_MACHINE_NAME = 255;
    public static final int MAX_GIDS = 16;

    public AuthSys {
        gids = gids.clone();
    }

    /** Decodes a credential body; an {@link io.manticore.protocol.oncrpc.internal.xdr.XdrException} means AUTH_BADCRED. */
    public static AuthSys decode(XdrDecoder body) {
        int stamp = body.readInt();
        String machineName = body.readString(MAX_MACHINE_NAME);
        int uid = body.readInt();
        int gid = body.readInt();
        int[] gids = body.readIntArray(MAX_GIDS);
        return new AuthSys(stamp, machineName, uid, gid, gids);
    }

    public void encode(XdrEncoder out) {
        out.writeInt(stamp).writeString(machineName).writeInt(uid).writeInt(gid).writeIntArray(gids);
    }

    /** The identity VFS calls carry. */
    public Cred toCred() {
        return new Cred(uid, gid, gids);
    }

    @Override
    public int flavor() {
        return AuthFlavor.AUTH_SYS;
    }

    @Override
    public int[] gids() {
        return gids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthSys a && a.stamp == stamp && a.machineName.equals(machineName)
                && a.uid == uid && a.gid == gid && Arrays.equals(a.gids, gids);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(stamp, machineName, uid, gid) + Arrays.hashCode(gids);
    }

    @Override
    public String toString() {
        return "AuthSys[stamp=" + stamp + ", machineName=" + machineName + ", uid=" + uid + ", gid=" + gid
                + ", gids=" + Arrays.toString(gids) + "]";
    }
}

package io.manticore.itest.rpc;

/**
 * An RPC credential (RFC 5531 8.2, opaque_auth): its flavour and body.
 *
 * @param flavor the auth_flavor
 * @param body   the opaque body, at most 400 bytes on the wire
 */
public record Auth(int flavor, byte[] body) {

    public static final int AUTH_NONE = 0;
    public static final int AUTH_SYS = 1;
    public static final int AUTH_DH = 3;

    public static final Auth NONE = new Auth(AUTH_NONE, new byte[0]);

    public Auth {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** AUTH_SYS (RFC 5531 appendix A) with {@code uid}, {@code gid} and supplementary {@code gids}. */
    public static Auth sys(int uid, int gid, int... gids) {
        XdrWriter parms = new XdrWriter()
                .writeInt((int) (System.nanoTime() & 0x7fff_ffff)) // stamp
                .writeString("manticore-itest")
                .writeInt(uid)
                .writeInt(gid)
                .writeIntArray(gids);
        return new Auth(AUTH_SYS, parms.toByteArray());
    }

    public static Auth root() {
        return sys(0, 0);
    }

    void write(XdrWriter out) {
        out.writeInt(flavor).writeOpaque(body);
    }

    @Override
    public String toString() {
        return "Auth[flavor=" + flavor + ", " + body.length + " bytes]";
    }
}

package io.manticore.protocol.portmap.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** XDR (RFC 4506) written by hand for tests, apart from the library's encoder, with RPC calls and replies (RFC 5531 9). */
final class Xdr {

    static final int SUCCESS = 0;
    static final int PROG_MISMATCH = 2;
    static final int PROC_UNAVAIL = 3;
    static final int GARBAGE_ARGS = 4;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** A CALL to program 100000 with AUTH_NONE credential and verifier; the arguments follow. */
    static Xdr call(int xid, int version, int procedure) {
        return new Xdr().u32(xid, 0, 2, 100000, version, procedure, 0, 0, 0, 0);
    }

    /** A CALL like {@link #call} but with an AUTH_SYS credential (RFC 5531 appendix A) of uid 0. */
    static Xdr callAsRoot(int xid, int version, int procedure) {
        Xdr body = new Xdr().u32(1).string("localhost").u32(0, 0, 0);
        return new Xdr().u32(xid, 0, 2, 100000, version, procedure, 1).opaque(body.bytes()).u32(0, 0);
    }

    /** An accepted REPLY with an AUTH_NONE verifier and {@code stat}; results of SUCCESS follow. */
    static Xdr accepted(int xid, int stat) {
        return new Xdr().u32(xid, 1, 0, 0, 0, stat);
    }

    static Xdr success(int xid) {
        return accepted(xid, SUCCESS);
    }

    Xdr u32(int... values) {
        for (int value : values) {
            bytes.write(value >>> 24);
            bytes.write(value >>> 16);
            bytes.write(value >>> 8);
            bytes.write(value);
        }
        return this;
    }

    Xdr bool(boolean value) {
        return u32(value ? 1 : 0);
    }

    Xdr string(String value) {
        return opaque(value.getBytes(StandardCharsets.UTF_8));
    }

    Xdr opaque(byte[] data) {
        u32(data.length);
        bytes.writeBytes(data);
        for (int i = data.length; i % 4 != 0; i++) {
            bytes.write(0);
        }
        return this;
    }

    /** An rpcb (RFC 1833 2.1). */
    Xdr rpcb(int program, int version, String netid, String address, String owner) {
        return u32(program, version).string(netid).string(address).string(owner);
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** These bytes as one record: the last-fragment mark with their length, then them (RFC 5531 11). */
    byte[] record() {
        byte[] body = bytes();
        return new Xdr().u32(0x8000_0000 | body.length).raw(body).bytes();
    }

    private Xdr raw(byte[] data) {
        bytes.writeBytes(data);
        return this;
    }
}

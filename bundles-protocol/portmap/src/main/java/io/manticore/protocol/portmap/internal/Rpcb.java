package io.manticore.protocol.portmap.internal;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/**
 * rpcb (RFC 1833 2.1): the universal address of a program version on one netid, and who
 * registered it. Program and version are unsigned.
 */
record Rpcb(int program, int version, String netid, String address, String owner) {

    /** RFC 1833 leaves the strings unbounded; no netid, universal address or owner needs more bytes. */
    static final int MAX_STRING = 128;

    static Rpcb decode(XdrDecoder in) {
        return new Rpcb(in.readInt(), in.readInt(), in.readString(MAX_STRING), in.readString(MAX_STRING),
                in.readString(MAX_STRING));
    }

    void encode(XdrEncoder out) {
        out.writeInt(program).writeInt(version).writeString(netid).writeString(address).writeString(owner);
    }
}

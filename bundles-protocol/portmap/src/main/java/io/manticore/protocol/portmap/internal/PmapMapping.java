package io.manticore.protocol.portmap.internal;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/** mapping (RFC 1833 3.1): the port of a program version over one IP protocol. Numbers are unsigned. */
record PmapMapping(int program, int version, int protocol, int port) {

    /** RFC 1833 3.1: the protocol numbers of TCP and UDP. */
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;

    static PmapMapping decode(XdrDecoder in) {
        return new PmapMapping(in.readInt(), in.readInt(), in.readInt(), in.readInt());
    }

    void encode(XdrEncoder out) {
        out.writeInt(program).writeInt(version).writeInt(protocol).writeInt(port);
    }
}

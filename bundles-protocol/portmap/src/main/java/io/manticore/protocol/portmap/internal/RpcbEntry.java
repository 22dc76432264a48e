package io.manticore.protocol.portmap.internal;

import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/** rpcb_entry (RFC 1833 2.1): one merged address of a program version and the netconfig of its netid. */
record RpcbEntry(String address, Netid netid) {

    void encode(XdrEncoder out) {
        out.writeString(address).writeString(netid.wireName()).writeInt(netid.semantics())
                .writeString(netid.protocolFamily()).writeString(netid.protocolName());
    }
}

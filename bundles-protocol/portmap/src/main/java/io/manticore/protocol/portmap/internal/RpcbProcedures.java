package io.manticore.protocol.portmap.internal;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.manticore.protocol.oncrpc.internal.RpcCall;
import io.manticore.protocol.oncrpc.internal.RpcProcedure;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** rpcbind, versions 3 and 4 (RFC 1833 2), for the calls of one channel. */
final class RpcbProcedures {

    static final int NULL = 0;
    static final int SET = 1;
    static final int UNSET = 2;
    static final int GETADDR = 3;
    static final int DUMP = 4;
    static final int GETTIME = 6;
    static final int GETVERSADDR = 9;
    static final int GETADDRLIST = 11;

    private final Rpcbind rpcbind;
    private final Function<RpcCall, Caller> callers;

    RpcbProcedures(Rpcbind rpcbind, Function<RpcCall, Caller> callers) {
        this.rpcbind = rpcbind;
        this.callers = callers;
    }

    /**
     * Version 3 by procedure number. Left out (PROC_UNAVAIL): CALLIT (5), as forwarding calls
     * amplifies attacks, above all over UDP, and UADDR2TADDR (7) and TADDR2UADDR (8), whose
     * netbuf is the server's own sockaddr layout.
     */
    Map<Integer, RpcProcedure> version3() {
        return Map.of(NULL, (call, args) -> Answers.none(), SET, this::set, UNSET, this::unset,
                GETADDR, this::getaddr, DUMP, this::dump, GETTIME, this::gettime);
    }

    /**
     * Version 4: version 3 with GETVERSADDR and GETADDRLIST. Left out as well: BCAST (5) and
     * INDIRECT (10), which forward calls, and GETSTAT (12), as no statistics are kept.
     */
    Map<Integer, RpcProcedure> version4() {
        Map<Integer, RpcProcedure> table = new HashMap<>(version3());
        table.put(GETVERSADDR, this::getversaddr);
        table.put(GETADDRLIST, this::getaddrlist);
        return Map.copyOf(table);
    }

    // RFC 1833 2.2.1: the set (program, version, netid) is registered once; netid and address are required.
    private CompletionStage<RpcResult> set(RpcCall call, XdrDecoder args) {
        Rpcb wanted = Rpcb.decode(args);
        Netid netid = Netid.named(wanted.netid());
        InetSocketAddress address = netid == null ? null : UniversalAddress.parse(wanted.address(), netid.ipv6());
        boolean valid = address != null && address.getPort() != 0;
        return Answers.bool(valid && rpcbind.set(callers.apply(call),
                new Mapping(wanted.program(), wanted.version(), netid, address, wanted.owner())));
    }

    // RFC 1833 2.2.1: an empty netid unsets the program version on every netid; the address is not compared.
    private CompletionStage<RpcResult> unset(RpcCall call, XdrDecoder args) {
        Rpcb gone = Rpcb.decode(args);
        if (gone.netid().isEmpty()) {
            return Answers.bool(rpcbind.unset(callers.apply(call), gone.program(), gone.version(), null));
        }
        Netid netid = Netid.named(gone.netid());
        return Answers.bool(netid != null && rpcbind.unset(callers.apply(call), gone.program(), gone.version(), netid));
    }

    // RFC 1833 2.2.1: r_netid is ignored, the netid is the one the call came over; no mapping gives an empty string.
    private CompletionStage<RpcResult> getaddr(RpcCall call, XdrDecoder args) {
        Rpcb wanted = Rpcb.decode(args);
        Caller caller = callers.apply(call);
        return address(caller, rpcbind.findProgram(wanted.program(), wanted.version(), caller.netid()));
    }

    // RFC 1833 2.2.2: GETADDR for the version asked and no other.
    private CompletionStage<RpcResult> getversaddr(RpcCall call, XdrDecoder args) {
        Rpcb wanted = Rpcb.decode(args);
        Caller caller = callers.apply(call);
        return address(caller, rpcbind.find(wanted.program(), wanted.version(), caller.netid()));
    }

    private static CompletionStage<RpcResult> address(Caller caller, Mapping found) {
        String address = found == null ? "" : UniversalAddress.format(caller.merged(found));
        return Answers.results(out -> out.writeString(address));
    }

    private CompletionStage<RpcResult> dump(RpcCall call, XdrDecoder args) {
        List<Rpcb> mappings = rpcbind.mappings().stream()
                .map(m -> new Rpcb(m.program(), m.version(), m.netid().wireName(), UniversalAddress.format(m.address()),
                        m.owner()))
                .toList();
        return Answers.results(out -> XdrLists.write(out, mappings, (o, m) -> m.encode(o)));
    }

    private CompletionStage<RpcResult> gettime(RpcCall call, XdrDecoder args) {
        long now = rpcbind.time();
        return Answers.results(out -> out.writeUnsignedInt(now));
    }

    // RFC 1833 2.2.2: every address of the program version, whatever the netid asked.
    private CompletionStage<RpcResult> getaddrlist(RpcCall call, XdrDecoder args) {
        Rpcb wanted = Rpcb.decode(args);
        Caller caller = callers.apply(call);
        List<RpcbEntry> entries = rpcbind.find(wanted.program(), wanted.version()).stream()
                .map(m -> new RpcbEntry(UniversalAddress.format(caller.merged(m)), m.netid()))
                .toList();
        return Answers.results(out -> XdrLists.write(out, entries, (o, e) -> e.encode(o)));
    }
}

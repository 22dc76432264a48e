package io.manticore.protocol.portmap.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.manticore.protocol.oncrpc.internal.RpcCall;
import io.manticore.protocol.oncrpc.internal.RpcProcedure;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** The port mapper, version 2 (RFC 1833 3), for the calls of one channel. */
final class PmapProcedures {

    static final int NULL = 0;
    static final int SET = 1;
    static final int UNSET = 2;
    static final int GETPORT = 3;
    static final int DUMP = 4;

    /** RFC 1833 3.1: a mapping names no owner. */
    static final String OWNER = "unknown";
    private static final InetAddress IPV4_ANY = InetAddress.ofLiteral("0.0.0.0");

    private final Rpcbind rpcbind;
    private final Function<RpcCall, Caller> callers;

    PmapProcedures(Rpcbind rpcbind, Function<RpcCall, Caller> callers) {
        this.rpcbind = rpcbind;
        this.callers = callers;
    }

    /** The procedures by number. CALLIT (5) is left out (PROC_UNAVAIL): forwarding calls amplifies attacks, above all over UDP. */
    Map<Integer, RpcProcedure> table() {
        return Map.of(NULL, (call, args) -> Answers.none(), SET, this::set, UNSET, this::unset,
                GETPORT, this::getport, DUMP, this::dump);
    }

    // RFC 1833 3.1: a mapping carries no address, so it stands for every IPv4 address of the host.
    private CompletionStage<RpcResult> set(RpcCall call, XdrDecoder args) {
        PmapMapping wanted = PmapMapping.decode(args);
        Netid netid = Netid.ofIpProtocol(wanted.protocol());
        boolean valid = netid != null && wanted.port() > 0 && wanted.port() <= 0xffff;
        return Answers.bool(valid && rpcbind.set(callers.apply(call), new Mapping(wanted.program(), wanted.version(), netid,
                new InetSocketAddress(IPV4_ANY, wanted.port()), OWNER)));
    }

    // RFC 1833 3.2: UNSET ignores the protocol and port and removes the program version altogether.
    private CompletionStage<RpcResult> unset(RpcCall call, XdrDecoder args) {
        PmapMapping gone = PmapMapping.decode(args);
        return Answers.bool(rpcbind.unset(callers.apply(call), gone.program(), gone.version(), null));
    }

    // RFC 1833 3.2: the port field is ignored; port 0 means the program is not registered.
    private CompletionStage<RpcResult> getport(RpcCall call, XdrDecoder args) {
        PmapMapping wanted = PmapMapping.decode(args);
        Netid netid = Netid.ofIpProtocol(wanted.protocol());
        Mapping found = netid == null ? null : rpcbind.findProgram(wanted.program(), wanted.version(), netid);
        int port = found == null ? 0 : found.address().getPort();
        return Answers.results(out -> out.writeInt(port));
    }

    // Version 2 speaks of IPv4 protocols only: IPv6 mappings are left to DUMP of versions 3 and 4.
    private CompletionStage<RpcResult> dump(RpcCall call, XdrDecoder args) {
        List<PmapMapping> mappings = rpcbind.mappings().stream()
                .filter(m -> !m.netid().ipv6())
                .map(m -> new PmapMapping(m.program(), m.version(), m.netid().ipProtocol(), m.address().getPort()))
                .toList();
        return Answers.results(out -> XdrLists.write(out, mappings, (o, m) -> m.encode(o)));
    }
}

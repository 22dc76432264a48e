package io.manticore.protocol.portmap.internal;

import java.util.Map;
import java.util.function.Function;

import io.manticore.protocol.oncrpc.internal.RpcCall;
import io.manticore.protocol.oncrpc.internal.RpcProcedure;
import io.manticore.protocol.oncrpc.internal.RpcProgram;

/** Program 100000 (RFC 1833): the port mapper as version 2, rpcbind as versions 3 and 4, for the calls of one channel. */
final class PortmapProgram implements RpcProgram {

    static final int PROGRAM = 100000;
    static final int PMAP_VERSION = 2;
    static final int RPCB_VERSION_3 = 3;
    static final int RPCB_VERSION_4 = 4;

    private final Map<Integer, RpcProcedure> version2;
    private final Map<Integer, RpcProcedure> version3;
    private final Map<Integer, RpcProcedure> version4;

    /** {@code callers} tells who made each call: the connection's client, or the datagram's sender. */
    PortmapProgram(Rpcbind rpcbind, Function<RpcCall, Caller> callers) {
        version2 = new PmapProcedures(rpcbind, callers).table();
        RpcbProcedures rpcb = new RpcbProcedures(rpcbind, callers);
        version3 = rpcb.version3();
        version4 = rpcb.version4();
    }

    @Override
    public int program() {
        return PROGRAM;
    }

    @Override
    public int lowestVersion() {
        return PMAP_VERSION;
    }

    @Override
    public int highestVersion() {
        return RPCB_VERSION_4;
    }

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        Map<Integer, RpcProcedure> table = switch (version) {
            case PMAP_VERSION -> version2;
            case RPCB_VERSION_3 -> version3;
            default -> version4;
        };
        return table.get(procedure);
    }
}

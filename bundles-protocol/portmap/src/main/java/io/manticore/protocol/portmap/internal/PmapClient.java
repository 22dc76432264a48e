package io.manticore.protocol.portmap.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.oncrpc.internal.RpcCallException;
import io.manticore.protocol.oncrpc.internal.RpcCaller;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * Calls to another host's port mapper, version 2 (RFC 1833 3): SET, UNSET and DUMP. Each stage
 * fails with an {@link RpcCallException} when the binder cannot be reached or does not answer.
 */
final class PmapClient {

    /** A DUMP reply bigger than this is refused; a real table has a few dozen mappings. */
    static final int MAX_MAPPINGS = 4096;

    private final RpcCaller caller;
    private final InetSocketAddress binder;
    private final Duration timeout;

    PmapClient(RpcCaller caller, InetSocketAddress binder, Duration timeout) {
        this.caller = caller;
        this.binder = binder;
        this.timeout = timeout;
    }

    InetSocketAddress binder() {
        return binder;
    }

    /** SET (RFC 1833 3.2): true when the binder took {@code mapping}, false when the program version is taken on its protocol. */
    CompletionStage<Boolean> set(PmapMapping mapping) {
        return caller.call(binder, PortmapProgram.PROGRAM, PortmapProgram.PMAP_VERSION, PmapProcedures.SET,
                mapping::encode, XdrDecoder::readBool, timeout);
    }

    /** UNSET (RFC 1833 3.2) of the program version on every protocol: true when a mapping went. */
    CompletionStage<Boolean> unset(int program, int version) {
        PmapMapping gone = new PmapMapping(program, version, 0, 0);
        return caller.call(binder, PortmapProgram.PROGRAM, PortmapProgram.PMAP_VERSION, PmapProcedures.UNSET,
                gone::encode, XdrDecoder::readBool, timeout);
    }

    /** DUMP (RFC 1833 3.2): every mapping of the binder, in its order. */
    CompletionStage<List<PmapMapping>> dump() {
        return caller.call(binder, PortmapProgram.PROGRAM, PortmapProgram.PMAP_VERSION, PmapProcedures.DUMP,
                out -> { }, PmapClient::mappings, timeout);
    }

    // RFC 4506 4.19: the pmaplist is a linked list, each mapping behind TRUE, FALSE at its end.
    private static List<PmapMapping> mappings(XdrDecoder in) {
        List<PmapMapping> out = new ArrayList<>();
        while (in.readBool()) {
            if (out.size() == MAX_MAPPINGS) {
                throw new IllegalArgumentException("more than " + MAX_MAPPINGS + " mappings");
            }
            out.add(PmapMapping.decode(in));
        }
        return out;
    }
}

package io.manticore.protocol.nfs3.internal.nlm;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.manticore.protocol.oncrpc.internal.RpcCallException;
import io.manticore.protocol.oncrpc.internal.RpcCaller;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/**
 * Calls to a client's own RPC services: its portmapper says where its NLM or NSM listens, then
 * the call is made there (NLM4 GRANTED for a blocked lock now granted; SM_NOTIFY after a restart).
 */
public final class Callbacks {

    static final int PORTMAP = 100000;
    static final int PMAP_GETPORT = 3;
    static final int IPPROTO_TCP = 6;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RpcCaller caller;
    private final int portmapPort;

    /** @param portmapPort where clients' portmappers listen (111; tests run their own elsewhere) */
    public Callbacks(RpcCaller caller, int portmapPort) {
        this.caller = caller;
        this.portmapPort = portmapPort;
    }

    /** Calls {@code procedure} of {@code program} at {@code host}; fails when the host does not serve it. */
    CompletionStage<Void> call(InetAddress host, int program, int version, int procedure, Consumer<XdrEncoder> args) {
        return caller.call(new InetSocketAddress(host, portmapPort), PORTMAP, 2, PMAP_GETPORT,
                        out -> out.writeInt(program).writeInt(version).writeInt(IPPROTO_TCP).writeInt(0),
                        in -> in.readInt(), TIMEOUT)
                .thenCompose(port -> port <= 0 || port > 65535
                        ? CompletableFuture.failedFuture(new RpcCallException(host.getHostAddress()
                                + " does not serve program " + program + " version " + version, null))
                        : caller.call(new InetSocketAddress(host, port), program, version, procedure, args, in -> null, TIMEOUT));
    }
}

package io.manticore.protocol.nfs4.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.protocol.nfs4.internal.compound.Nfs4Program;
import io.manticore.protocol.nfs4.internal.compound.Operations;
import io.manticore.protocol.oncrpc.internal.RpcPipeline;
import io.manticore.protocol.oncrpc.internal.RpcPrograms;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol "nfs4": each connection gets the NFSv4 program over the RPC pipeline. Its
 * connections are kept so that a stopping service can let them answer what they were asked.
 */
public final class Nfs4Protocol implements ProtocolHandler {

    public static final String NAME = "nfs4";
    private static final Logger LOG = LoggerFactory.getLogger(Nfs4Protocol.class);

    private final Nfs4Server server;
    private final Operations operations;
    private final Map<Channel, Connection> connections = new ConcurrentHashMap<>();

    public Nfs4Protocol(Nfs4Server server, Operations operations) {
        this.server = server;
        this.operations = operations;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void initChannel(Channel channel) {
        if (channel instanceof DatagramChannel) {
            // RFC 7530 3.1: NFSv4 needs a transport with congestion control; it is not served over UDP.
            LOG.warn("Protocol nfs4 is not served over UDP: closing {}; use a tcp listener", channel.localAddress());
            channel.close();
            return;
        }
        Connection connection = new Connection(channel);
        connections.put(channel, connection);
        channel.closeFuture().addListener(f -> connections.remove(channel));
        RpcPipeline.install(channel.pipeline(), new RpcPrograms(List.of(new Nfs4Program(server, operations, connection))));
    }

    /** Stops every connection reading; completes when each has answered its calls in flight and closed. */
    public CompletableFuture<Void> drain() {
        List<CompletableFuture<Void>> closed = connections.entrySet().stream().map(e -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            e.getKey().closeFuture().addListener(f -> done.complete(null));
            e.getValue().drain();
            return done;
        }).toList();
        return CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new));
    }
}

package io.manticore.protocol.nfs3.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.protocol.oncrpc.internal.ReplyCache;
import io.manticore.protocol.oncrpc.internal.RpcPipeline;
import io.manticore.protocol.oncrpc.internal.RpcProgram;
import io.manticore.protocol.oncrpc.internal.RpcPrograms;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RPC service as a protocol: each connection gets the programs made for its client, a datagram
 * channel programs that ask each call who sent it; the duplicate-request cache is shared by all
 * of them, since a client retransmits on a new connection.
 */
final class RpcProtocol implements ProtocolHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RpcProtocol.class);

    private final String name;
    private final NfsServer server;
    private final boolean servesDatagrams;
    private final Function<Callers, List<RpcProgram>> programs;
    private final ReplyCache replies = new ReplyCache();

    /** {@code servesDatagrams}: whether a UDP listener is served, or its channel closed. */
    RpcProtocol(String name, NfsServer server, boolean servesDatagrams, Function<Callers, List<RpcProgram>> programs) {
        this.name = name;
        this.server = server;
        this.servesDatagrams = servesDatagrams;
        this.programs = programs;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void initChannel(Channel channel) {
        if (channel instanceof DatagramChannel) {
            if (!servesDatagrams) {
                LOG.warn("Protocol {} is not served over UDP: closing {}; use a tcp listener", name, channel.localAddress());
                channel.close();
                return;
            }
            Callers senders = call -> Connection.ofDatagram(server, call, channel.alloc());
            RpcPipeline.installDatagram(channel.pipeline(), new RpcPrograms(programs.apply(senders)), replies);
            return;
        }
        Connection connection = Connection.open(server, channel, name);
        RpcPipeline.install(channel.pipeline(), new RpcPrograms(programs.apply(call -> connection)), replies);
    }

    /** The duplicate-request cache's completed calls, for the next version of the bundle; the cache is closed after. */
    Map<String, Object> handOverReplies() {
        return replies.handOver();
    }

    /** Takes the completed calls a previous version handed over; returns how many. */
    int adoptReplies(Object state) {
        return replies.adopt(state);
    }

    @Override
    public void close() {
        replies.close();
    }
}

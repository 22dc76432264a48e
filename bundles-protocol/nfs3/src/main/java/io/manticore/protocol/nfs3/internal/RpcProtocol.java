package io.manticore.protocol.nfs3.internal;

import java.util.List;
import java.util.function.Function;

import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.protocol.oncrpc.internal.ReplyCache;
import io.manticore.protocol.oncrpc.internal.RpcPipeline;
import io.manticore.protocol.oncrpc.internal.RpcProgram;
import io.manticore.protocol.oncrpc.internal.RpcPrograms;
import io.netty.channel.Channel;

/**
 * An RPC service as a protocol: each connection gets the programs made for it; the
 * duplicate-request cache is shared by all of them, since a client retransmits on a new connection.
 */
final class RpcProtocol implements ProtocolHandler, AutoCloseable {

    private final String name;
    private final NfsServer server;
    private final Function<Connection, List<RpcProgram>> programs;
    private final ReplyCache replies = new ReplyCache();

    RpcProtocol(String name, NfsServer server, Function<Connection, List<RpcProgram>> programs) {
        this.name = name;
        this.server = server;
        this.programs = programs;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void initChannel(Channel channel) {
        Connection connection = Connection.open(server, channel);
        RpcPipeline.install(channel.pipeline(), new RpcPrograms(programs.apply(connection)), replies);
    }

    @Override
    public void close() {
        replies.close();
    }
}

package io.manticore.protocol.portmap.internal;

import java.time.Clock;
import java.util.List;

import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.protocol.oncrpc.internal.RpcPipeline;
import io.manticore.protocol.oncrpc.internal.RpcPrograms;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramChannel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portmap protocol: program 100000 versions 2 to 4 (RFC 1833) on every connection a
 * portmap listener accepts, and on its datagram channel for a udp listener. Its answers come from {@link RpcProgramDirectory} and from what
 * local servers register, at most {@value #MAX_REGISTRATIONS} mappings.
 */
@Component(immediate = true, service = ProtocolHandler.class, property = {
        ProtocolHandler.PROTOCOL_PROPERTY + "=" + PortmapProtocol.NAME,
        ProtocolHandler.RPC_PROGRAMS_PROPERTY + "=" + PortmapProgram.PROGRAM + ":" + PortmapProgram.PMAP_VERSION,
        ProtocolHandler.RPC_PROGRAMS_PROPERTY + "=" + PortmapProgram.PROGRAM + ":" + PortmapProgram.RPCB_VERSION_3,
        ProtocolHandler.RPC_PROGRAMS_PROPERTY + "=" + PortmapProgram.PROGRAM + ":" + PortmapProgram.RPCB_VERSION_4})
public final class PortmapProtocol implements ProtocolHandler {

    static final String NAME = "portmap";
    static final int MAX_REGISTRATIONS = 1024;
    /** Of a record or a datagram: three times the largest call served, a SET with a 400-byte credential and verifier and three 128-byte strings. */
    static final int MAX_RECORD_SIZE = 4096;
    /** Every call is answered at once, so few are ever in flight, even on a datagram channel that serves every client. */
    static final int MAX_IN_FLIGHT = 16;

    private static final Logger LOG = LoggerFactory.getLogger(PortmapProtocol.class);

    private final Rpcbind rpcbind;

    @Activate
    public PortmapProtocol(@Reference RpcProgramDirectory directory) {
        this(new Rpcbind(directory, new Registrations(MAX_REGISTRATIONS), Clock.systemUTC()));
        LOG.info("portmap started");
    }

    /** For tests: the protocol over {@code rpcbind}, without OSGi. */
    PortmapProtocol(Rpcbind rpcbind) {
        this.rpcbind = rpcbind;
    }

    @Deactivate
    void deactivate() {
        LOG.info("portmap stopped");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void initChannel(Channel channel) {
        if (channel instanceof DatagramChannel) {
            // One channel serves every client: each call's sender is its caller.
            RpcPrograms programs = new RpcPrograms(List.of(
                    new PortmapProgram(rpcbind, call -> Caller.ofDatagram(channel, call))));
            RpcPipeline.installDatagram(channel.pipeline(), programs, MAX_RECORD_SIZE, MAX_IN_FLIGHT, null);
            return;
        }
        Caller caller = Caller.of(channel);
        RpcPrograms programs = new RpcPrograms(List.of(new PortmapProgram(rpcbind, call -> caller)));
        RpcPipeline.install(channel.pipeline(), programs, MAX_RECORD_SIZE, MAX_IN_FLIGHT);
    }
}

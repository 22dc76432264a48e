package io.manticore.transport.tcp.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.config.ConfigService;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.transport.BoundListener;
import io.manticore.api.transport.Transport;
import io.manticore.transport.stream.internal.StreamBinding;

/**
 * The TCP transport: Netty on epoll (NIO where epoll is missing). Each listener's accepted
 * connections are handed to its protocol's pipeline set-up.
 */
@Component(immediate = true, service = Transport.class, property = Transport.TRANSPORT_PROPERTY + "=tcp")
public final class TcpTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    private final EventLoops loops;

    @Activate
    public TcpTransport(@Reference(cardinality = ReferenceCardinality.OPTIONAL) ConfigService config) {
        this(config == null || config.current() == null ? 0 : config.current().server().threads());
    }

    /** A transport with {@code threads} event loops (0: Netty's default of two per core). */
    public TcpTransport(int threads) {
        this.loops = new EventLoops(threads);
        LOG.info("tcp transport started ({})", loops.kind);
    }

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public CompletionStage<BoundListener> bind(InetSocketAddress address, ProtocolHandler protocol) {
        return StreamBinding.bind(name(), loops.boss, loops.workers, loops.serverChannel, address, protocol);
    }

    @Deactivate
    public void close() {
        loops.shutdown();
        LOG.info("tcp transport stopped");
    }
}

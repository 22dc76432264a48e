package io.manticore.transport.tcp.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
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
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

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
        if (loops.boss.isShuttingDown() || loops.workers.isShuttingDown()) {
            // A bind on stopped event loops would never complete.
            return CompletableFuture.failedFuture(new java.io.IOException("the tcp transport is stopped"));
        }
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss, loops.workers)
                .channel(loops.serverChannel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        protocol.initChannel(ch);
                    }
                });
        CompletableFuture<BoundListener> result = new CompletableFuture<>();
        ChannelFuture bind = b.bind(address);
        bind.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(new TcpListener(bind.channel(), connections));
            } else {
                result.completeExceptionally(new java.io.IOException(
                        "cannot bind " + address + ": " + f.cause().getMessage(), f.cause()));
            }
        });
        return result;
    }

    @Deactivate
    public void close() {
        loops.shutdown();
        LOG.info("tcp transport stopped");
    }
}

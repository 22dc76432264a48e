package io.manticore.transport.udp.internal;

import java.io.IOException;
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
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;

/**
 * The UDP transport: Netty on epoll (NIO where epoll is missing). Each listener is one bound
 * datagram channel, handed once to its protocol's pipeline set-up; every client's datagrams
 * arrive on it. A protocol that closes the channel there does not serve datagrams, and the bind
 * fails with that reason.
 */
@Component(immediate = true, service = Transport.class, property = Transport.TRANSPORT_PROPERTY + "=udp")
public final class UdpTransport implements Transport {

    /** Room for the largest UDP payload (65,535 bytes less the headers), so no datagram is cut short. */
    static final int RECEIVE_BUFFER = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    private final EventLoops loops;

    @Activate
    public UdpTransport(@Reference(cardinality = ReferenceCardinality.OPTIONAL) ConfigService config) {
        this(config == null || config.current() == null ? 0 : config.current().server().threads());
    }

    /** A transport with {@code threads} event loops (0: Netty's default of two per core). */
    public UdpTransport(int threads) {
        this.loops = new EventLoops(threads);
        LOG.info("udp transport started ({})", loops.kind);
    }

    @Override
    public String name() {
        return "udp";
    }

    @Override
    public CompletionStage<BoundListener> bind(InetSocketAddress address, ProtocolHandler protocol) {
        Bootstrap b = new Bootstrap()
                .group(loops.group)
                .channel(loops.datagramChannel)
                // Reading starts once the protocol has set the pipeline up, so no datagram meets an empty one.
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // The protocol sets the pipeline up once the channel is bound (handOver).
                    }
                });
        CompletableFuture<BoundListener> result = new CompletableFuture<>();
        ChannelFuture bind = b.bind(address);
        // Bind listeners run on the channel's event loop, where the protocol must set it up.
        bind.addListener(f -> {
            if (f.isSuccess()) {
                handOver(bind.channel(), address, protocol, result);
            } else {
                result.completeExceptionally(new IOException(
                        "cannot bind " + address + ": " + f.cause().getMessage(), f.cause()));
            }
        });
        return result;
    }

    private static void handOver(Channel channel, InetSocketAddress address, ProtocolHandler protocol,
                                 CompletableFuture<BoundListener> result) {
        try {
            protocol.initChannel(channel);
        } catch (RuntimeException e) {
            channel.close();
            result.completeExceptionally(new IOException(
                    "protocol " + protocol.name() + " failed to set up " + address + ": " + e.getMessage(), e));
            return;
        }
        if (!channel.isOpen()) {
            result.completeExceptionally(new IOException(
                    "protocol " + protocol.name() + " does not serve datagrams (it closed " + address + ")"));
            return;
        }
        channel.config().setAutoRead(true);
        result.complete(new UdpListener(channel));
    }

    @Deactivate
    public void close() {
        loops.shutdown();
        LOG.info("udp transport stopped");
    }
}

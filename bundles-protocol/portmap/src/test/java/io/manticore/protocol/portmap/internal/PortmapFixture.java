package io.manticore.protocol.portmap.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.protocol.ProtocolHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.osgi.framework.Constants;

/**
 * A portmapper over a fake ListenerAdmin, reached through embedded channels whose ends have IP
 * addresses, as a transport would hand them to {@link PortmapProtocol#initChannel}.
 */
final class PortmapFixture {

    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    final List<ListenerInfo> listeners = new CopyOnWriteArrayList<>();
    final RpcProgramDirectory directory = new RpcProgramDirectory(() -> List.copyOf(listeners));
    final PortmapProtocol protocol = new PortmapProtocol(new Rpcbind(directory,
            new Registrations(PortmapProtocol.MAX_REGISTRATIONS), Clock.fixed(NOW, ZoneOffset.UTC)));
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private long nextServiceId = 1;

    /** An embedded channel with IP addresses at both ends. */
    private static final class IpChannel extends EmbeddedChannel {
        private final InetSocketAddress local;
        private final InetSocketAddress remote;

        IpChannel(InetSocketAddress local, InetSocketAddress remote) {
            this.local = local;
            this.remote = remote;
        }

        @Override
        protected SocketAddress localAddress0() {
            return local;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }

    /** Binds a protocol handler that declares {@code programs}, as DS does; returns its service properties. */
    Map<String, Object> declare(String protocol, String... programs) {
        Map<String, Object> properties = Map.of(Constants.SERVICE_ID, nextServiceId++,
                ProtocolHandler.PROTOCOL_PROPERTY, protocol, ProtocolHandler.RPC_PROGRAMS_PROPERTY, programs);
        directory.addProtocol(properties);
        return properties;
    }

    /** Adds a BOUND tcp listener of {@code protocol} on {@code address} and {@code port}. */
    void bound(String protocol, String address, int port) {
        bound(protocol, "tcp", address, port);
    }

    /** Adds a BOUND listener of {@code protocol} over {@code transport} on {@code address} and {@code port}. */
    void bound(String protocol, String transport, String address, int port) {
        listeners.add(new ListenerInfo(protocol, transport, address, port, "BOUND", port, 0, ""));
    }

    /** A connection accepted on {@code local} port 111 from {@code remote}. */
    EmbeddedChannel connect(String local, String remote) {
        EmbeddedChannel channel = new IpChannel(new InetSocketAddress(InetAddress.ofLiteral(local), 111),
                new InetSocketAddress(InetAddress.ofLiteral(remote), 40_000));
        protocol.initChannel(channel);
        channels.add(channel);
        return channel;
    }

    /** Sends {@code call} as one record and returns the single reply it gets, as bytes. */
    static byte[] exchange(EmbeddedChannel channel, Xdr call) {
        channel.writeInbound(Unpooled.wrappedBuffer(call.record()));
        ByteBuf reply = channel.readOutbound();
        assertNotNull("a reply", reply);
        try {
            assertNull("one reply only", channel.readOutbound());
            return ByteBufUtil.getBytes(reply);
        } finally {
            reply.release();
        }
    }

    /** Sends {@code call} and checks that the reply is {@code expected}, byte for byte. */
    static void assertReply(EmbeddedChannel channel, Xdr call, Xdr expected) {
        assertEquals(hex(expected.record()), hex(exchange(channel, call)));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    void close() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
    }
}

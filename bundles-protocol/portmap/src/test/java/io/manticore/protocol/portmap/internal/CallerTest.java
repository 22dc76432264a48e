package io.manticore.protocol.portmap.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.manticore.protocol.oncrpc.internal.AuthNone;
import io.manticore.protocol.oncrpc.internal.OpaqueAuth;
import io.manticore.protocol.oncrpc.internal.RpcCall;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/** Who a call comes from: the ends of its connection over TCP, the datagram's sender over UDP. */
public class CallerTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final EmbeddedChannel wildcard = bound("0.0.0.0");

    @After
    public void close() {
        wildcard.finishAndReleaseAll();
    }

    /** A datagram channel's stand-in: bound to {@code address}, with no remote end. */
    private static EmbeddedChannel bound(String address) {
        InetSocketAddress local = new InetSocketAddress(InetAddress.ofLiteral(address), 111);
        return new EmbeddedChannel() {
            @Override
            protected SocketAddress localAddress0() {
                return local;
            }

            @Override
            protected SocketAddress remoteAddress0() {
                return null;
            }
        };
    }

    private static Caller from(EmbeddedChannel channel, String sender) {
        RpcCall call = new RpcCall(1, 2, 100000, 2, 1, AuthNone.INSTANCE, OpaqueAuth.NONE, Unpooled.EMPTY_BUFFER,
                new InetSocketAddress(InetAddress.ofLiteral(sender), 700));
        return Caller.ofDatagram(channel, call);
    }

    private static Mapping wildcardMapping(Netid netid, String any, int port) {
        return new Mapping(100005, 3, netid, new InetSocketAddress(InetAddress.ofLiteral(any), port), "manticore");
    }

    @Test
    public void aDatagramFromAnotherHostMayNotSetOrUnset() {
        assertFalse(from(wildcard, "192.0.2.77").fromLoopback());
        assertTrue(from(wildcard, "127.0.0.1").fromLoopback());
    }

    @Test
    public void aDatagramsNetidIsUdpInTheFamilyOfItsSender() {
        assertEquals(Netid.UDP, from(wildcard, "192.0.2.77").netid());
        assertEquals(Netid.UDP6, from(wildcard, "2001:db8::77").netid());
    }

    @Test
    public void aWildcardAddressIsMergedWithTheAddressTheReplyLeavesFrom() {
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 20049),
                from(wildcard, "127.0.0.1").merged(wildcardMapping(Netid.UDP, "0.0.0.0", 20049)));
    }

    @Test
    public void aChannelBoundToOneAddressMergesWithThatAddress() {
        EmbeddedChannel specific = bound("10.1.2.3");
        try {
            assertEquals(new InetSocketAddress(InetAddress.ofLiteral("10.1.2.3"), 20049),
                    from(specific, "192.0.2.77").merged(wildcardMapping(Netid.UDP, "0.0.0.0", 20049)));
        } finally {
            specific.finishAndReleaseAll();
        }
    }

    @Test
    public void aMappingOfAnotherFamilyIsLeftAsItIs() {
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("::"), 20049),
                from(wildcard, "127.0.0.1").merged(wildcardMapping(Netid.UDP6, "::", 20049)));
    }

    @Test
    public void aConnectionsNetidIsTcpInTheFamilyOfItsLocalEnd() {
        InetSocketAddress local = new InetSocketAddress(InetAddress.ofLiteral("::1"), 111);
        InetSocketAddress remote = new InetSocketAddress(InetAddress.ofLiteral("::1"), 800);
        EmbeddedChannel connection = new EmbeddedChannel() {
            @Override
            protected SocketAddress localAddress0() {
                return local;
            }

            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
        try {
            Caller caller = Caller.of(connection);
            assertEquals(Netid.TCP6, caller.netid());
            assertTrue(caller.fromLoopback());
        } finally {
            connection.finishAndReleaseAll();
        }
    }
}

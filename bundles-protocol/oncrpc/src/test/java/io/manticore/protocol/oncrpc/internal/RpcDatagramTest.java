package io.manticore.protocol.oncrpc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/** RPC over UDP (RFC 5531): one datagram channel serves every client, one message per datagram, no record marking. */
public class RpcDatagramTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final int PROG = 0x2000_0101;
    private static final int VERS = 1;
    private static final int WHO = 1;
    private static final int DEFERRED = 2;
    private static final int CREATE = 3;
    private static final int HUGE = 4;

    private static final InetSocketAddress SERVER = address("127.0.0.1", 111);
    private static final InetSocketAddress ALICE = address("192.0.2.7", 801);
    private static final InetSocketAddress ALICE_AGAIN = address("192.0.2.7", 944);
    private static final InetSocketAddress BOB = address("192.0.2.8", 801);

    private final Deque<CompletableFuture<RpcResult>> deferred = new ArrayDeque<>();
    private final List<InetSocketAddress> callers = new ArrayList<>();
    private final ReplyCache cache = new ReplyCache(16, 64 * 1024, 1024, ReplyCache.DEFAULT_EXPIRY);
    private int creations;
    private EmbeddedChannel channel;

    private final RpcProgram program = new RpcProgram() {
        @Override
        public int program() {
            return PROG;
        }

        @Override
        public int lowestVersion() {
            return VERS;
        }

        @Override
        public int highestVersion() {
            return VERS;
        }

        @Override
        public RpcProcedure procedure(int version, int procedure) {
            return switch (procedure) {
                case WHO -> (call, args) -> {
                    callers.add(call.peer());
                    int port = call.peer().getPort();
                    return done(RpcResult.success(out -> out.writeInt(port)));
                };
                case DEFERRED -> (call, args) -> {
                    CompletableFuture<RpcResult> future = new CompletableFuture<>();
                    deferred.add(future);
                    return future;
                };
                case CREATE -> (call, args) -> {
                    int count = ++creations;
                    return done(RpcResult.success(out -> out.writeInt(count)));
                };
                case HUGE -> (call, args) -> done(RpcResult.success(out -> out.writeOpaque(new byte[70_000])));
                default -> null;
            };
        }

        @Override
        public boolean cachesReplies(int version, int procedure) {
            return procedure == CREATE;
        }
    };

    private static InetSocketAddress address(String ip, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
    }

    private static CompletionStage<RpcResult> done(RpcResult result) {
        return CompletableFuture.completedFuture(result);
    }

    private EmbeddedChannel open(int maxDatagramSize, int maxInFlight) {
        channel = new EmbeddedChannel();
        RpcPipeline.installDatagram(channel.pipeline(), new RpcPrograms(List.of(program)), maxDatagramSize, maxInFlight, cache);
        return channel;
    }

    private EmbeddedChannel open() {
        return open(RpcPipeline.DEFAULT_MAX_DATAGRAM_SIZE, RpcPipeline.DEFAULT_MAX_IN_FLIGHT);
    }

    @After
    public void closeChannel() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        cache.close();
    }

    /** An RPC CALL with AUTH_NONE (RFC 5531 9), as a datagram carries it: no record mark. */
    private static ByteBuf message(int xid, int rpcVersion, int proc, Consumer<XdrEncoder> args) {
        ByteBuf wire = PooledByteBufAllocator.DEFAULT.directBuffer();
        XdrEncoder out = new XdrEncoder(wire);
        out.writeInt(xid).writeInt(0).writeInt(rpcVersion).writeInt(PROG).writeInt(VERS).writeInt(proc);
        out.writeInt(AuthFlavor.AUTH_NONE).writeInt(0).writeInt(AuthFlavor.AUTH_NONE).writeInt(0);
        args.accept(out);
        return wire;
    }

    private void send(InetSocketAddress from, int xid, int proc) {
        channel.writeInbound(new DatagramPacket(message(xid, 2, proc, out -> { }), SERVER, from));
    }

    /** Runs {@code check} over the next datagram sent, after checking it goes to {@code to} and is a REPLY to {@code xid}. */
    private void reply(InetSocketAddress to, int xid, Consumer<XdrDecoder> check) {
        DatagramPacket packet = channel.readOutbound();
        assertNotNull("a reply", packet);
        try {
            assertEquals("addressed to its caller", to, packet.recipient());
            XdrDecoder in = new XdrDecoder(packet.content());
            assertEquals("xid, first: no record mark", xid, in.readInt());
            assertEquals("msg_type REPLY", 1, in.readInt());
            check.accept(in);
            assertEquals("nothing after the reply", 0, in.remaining());
        } finally {
            packet.release();
        }
    }

    private void accepted(InetSocketAddress to, int xid, AcceptStat stat, Consumer<XdrDecoder> results) {
        reply(to, xid, in -> {
            assertEquals("MSG_ACCEPTED", 0, in.readInt());
            assertEquals("verifier flavour AUTH_NONE", 0, in.readInt());
            assertEquals("verifier length", 0, in.readInt());
            assertEquals("accept_stat", stat.code(), in.readInt());
            results.accept(in);
        });
    }

    @Test
    public void aCallIsAnsweredInADatagramToItsSenderWhomTheProcedureSees() {
        open();
        send(ALICE, 0xCAFE, WHO);
        accepted(ALICE, 0xCAFE, AcceptStat.SUCCESS, in -> assertEquals(801, in.readInt()));
        assertEquals(List.of(ALICE), callers);
        assertNull(channel.readOutbound());
    }

    @Test
    public void repliesCompletingOutOfOrderGoToTheirOwnCallers() {
        open();
        send(ALICE, 1, DEFERRED);
        send(BOB, 2, DEFERRED);
        CompletableFuture<RpcResult> alice = deferred.poll();
        CompletableFuture<RpcResult> bob = deferred.poll();
        bob.complete(RpcResult.success(out -> out.writeInt(22)));
        alice.complete(RpcResult.success(out -> out.writeInt(11)));
        accepted(BOB, 2, AcceptStat.SUCCESS, in -> assertEquals(22, in.readInt()));
        accepted(ALICE, 1, AcceptStat.SUCCESS, in -> assertEquals(11, in.readInt()));
    }

    @Test
    public void callsInFlightAreBoundedForTheWholeChannel() {
        open(RpcPipeline.DEFAULT_MAX_DATAGRAM_SIZE, 2);
        send(ALICE, 3, DEFERRED);
        assertTrue(channel.config().isAutoRead());
        send(BOB, 4, DEFERRED);
        assertFalse("two calls of two clients in flight: reading stops", channel.config().isAutoRead());
        deferred.poll().complete(RpcResult.success(out -> { }));
        assertTrue("one call in flight: reading resumes", channel.config().isAutoRead());
        accepted(ALICE, 3, AcceptStat.SUCCESS, in -> { });
        deferred.poll().complete(RpcResult.success(out -> { }));
        accepted(BOB, 4, AcceptStat.SUCCESS, in -> { });
    }

    @Test
    public void aDatagramOverTheLimitIsDroppedAndTheChannelServesOn() {
        open(64, RpcPipeline.DEFAULT_MAX_IN_FLIGHT);
        channel.writeInbound(new DatagramPacket(message(5, 2, WHO, out -> out.writeOpaque(new byte[40])), SERVER, ALICE));
        assertNull(channel.readOutbound());
        assertEquals(List.of(), callers);
        send(ALICE, 6, WHO);
        accepted(ALICE, 6, AcceptStat.SUCCESS, in -> assertEquals(801, in.readInt()));
    }

    @Test
    public void garbageAndRepliesAreDroppedAndTheChannelServesOn() {
        open();
        ByteBuf truncated = PooledByteBufAllocator.DEFAULT.directBuffer().writeInt(7).writeShort(0);
        ByteBuf aReply = PooledByteBufAllocator.DEFAULT.directBuffer().writeInt(8).writeInt(1).writeInt(0);
        channel.writeInbound(new DatagramPacket(truncated, SERVER, ALICE), new DatagramPacket(aReply, SERVER, BOB));
        assertNull(channel.readOutbound());
        assertTrue(channel.isOpen());
        send(BOB, 9, WHO);
        accepted(BOB, 9, AcceptStat.SUCCESS, in -> assertEquals(801, in.readInt()));
    }

    @Test
    public void whatTheDecoderAnswersItselfGoesToTheSender() {
        open();
        channel.writeInbound(new DatagramPacket(message(10, 3, WHO, out -> { }), SERVER, BOB));
        reply(BOB, 10, in -> {
            assertEquals("MSG_DENIED", 1, in.readInt());
            assertEquals("RPC_MISMATCH", 0, in.readInt());
            assertEquals("low", 2, in.readInt());
            assertEquals("high", 2, in.readInt());
        });
    }

    @Test
    public void aRetransmissionFromTheSameAddressIsAnsweredFromTheCacheAtItsNewPort() {
        open();
        send(ALICE, 11, CREATE);
        accepted(ALICE, 11, AcceptStat.SUCCESS, in -> assertEquals(1, in.readInt()));
        send(ALICE_AGAIN, 11, CREATE);
        accepted(ALICE_AGAIN, 11, AcceptStat.SUCCESS, in -> assertEquals("replayed, not run again", 1, in.readInt()));
        send(BOB, 11, CREATE);
        accepted(BOB, 11, AcceptStat.SUCCESS, in -> assertEquals("another client's xid 11 runs", 2, in.readInt()));
        assertEquals(2, creations);
    }

    @Test
    public void aReplyTooLargeForADatagramBecomesSystemErr() {
        open();
        send(ALICE, 12, HUGE);
        accepted(ALICE, 12, AcceptStat.SYSTEM_ERR, in -> { });
    }

    @Test
    public void errorsDoNotCloseTheChannelThatServesEveryClient() {
        open();
        channel.pipeline().fireExceptionCaught(new IOException("ICMP port unreachable"));
        channel.pipeline().fireExceptionCaught(new IllegalStateException("a handler failed"));
        assertTrue(channel.isOpen());
        send(ALICE, 13, WHO);
        accepted(ALICE, 13, AcceptStat.SUCCESS, in -> assertEquals(801, in.readInt()));
    }
}

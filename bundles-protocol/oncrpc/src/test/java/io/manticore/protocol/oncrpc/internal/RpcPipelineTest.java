package io.manticore.protocol.oncrpc.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.manticore.api.cred.Cred;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class RpcPipelineTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final int PROG = 0x2000_0099;
    private static final int NULL = 0;
    private static final int ADD = 1;
    private static final int ECHO = 2;
    private static final int DEFERRED = 3;
    private static final int BROKEN = 4;
    private static final int WHO = 5;

    private final Deque<CompletableFuture<RpcResult>> deferred = new ArrayDeque<>();
    private Credential lastCredential;
    private InetSocketAddress lastPeer;
    private EmbeddedChannel channel;

    /** A test program, versions 2 and 3, with a procedure for each path through the dispatcher. */
    private final RpcProgram program = new RpcProgram() {
        @Override
        public int program() {
            return PROG;
        }

        @Override
        public int lowestVersion() {
            return 2;
        }

        @Override
        public int highestVersion() {
            return 3;
        }

        @Override
        public RpcProcedure procedure(int version, int procedure) {
            return switch (procedure) {
                case NULL -> (call, args) -> done(RpcResult.success(out -> { }));
                case ADD -> (call, args) -> {
                    int sum = args.readInt() + args.readInt();
                    return done(RpcResult.success(out -> out.writeInt(sum)));
                };
                case ECHO -> (call, args) -> done(RpcResult.success(args.readOpaqueSlice(64)));
                case DEFERRED -> (call, args) -> {
                    CompletableFuture<RpcResult> future = new CompletableFuture<>();
                    deferred.add(future);
                    return future;
                };
                case BROKEN -> (call, args) -> {
                    throw new IllegalStateException("broken on purpose");
                };
                case WHO -> (call, args) -> {
                    lastCredential = call.credential();
                    lastPeer = call.peer();
                    return done(RpcResult.success(out -> { }));
                };
                default -> null;
            };
        }
    };

    private static CompletionStage<RpcResult> done(RpcResult result) {
        return CompletableFuture.completedFuture(result);
    }

    private EmbeddedChannel open(int maxInFlight) {
        channel = new EmbeddedChannel();
        RpcPipeline.install(channel.pipeline(), new RpcPrograms(List.of(program)), 4096, maxInFlight);
        return channel;
    }

    @After
    public void closeChannel() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private static void authSys(XdrEncoder out, int gidCount) {
        ByteBuf body = PooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            XdrEncoder cred = new XdrEncoder(body).writeInt(77).writeString("client.example").writeInt(1000).writeInt(100);
            cred.writeInt(gidCount);
            for (int i = 0; i < gidCount; i++) {
                cred.writeInt(200 + i);
            }
            out.writeInt(AuthFlavor.AUTH_SYS).writeOpaque(body);
        } finally {
            body.release();
        }
    }

    /** An RPC CALL (RFC 5531 9) in one record (RFC 5531 11), written field by field. */
    private static ByteBuf call(int xid, int rpcVersion, int prog, int vers, int proc,
                                Consumer<XdrEncoder> credential, Consumer<XdrEncoder> args) {
        ByteBuf wire = PooledByteBufAllocator.DEFAULT.directBuffer();
        wire.writeInt(0);
        XdrEncoder out = new XdrEncoder(wire);
        out.writeInt(xid).writeInt(0).writeInt(rpcVersion).writeInt(prog).writeInt(vers).writeInt(proc);
        credential.accept(out);
        out.writeInt(AuthFlavor.AUTH_NONE).writeInt(0);
        args.accept(out);
        wire.setInt(0, 0x8000_0000 | (wire.readableBytes() - 4));
        return wire;
    }

    private static ByteBuf call(int xid, int vers, int proc, Consumer<XdrEncoder> args) {
        return call(xid, 2, PROG, vers, proc, out -> authSys(out, 2), args);
    }

    private static Consumer<XdrEncoder> noArgs() {
        return out -> { };
    }

    /** Runs {@code check} over the next reply, after checking its record mark, xid and REPLY type. */
    private void reply(int xid, Consumer<XdrDecoder> check) {
        ByteBuf wire = channel.readOutbound();
        try {
            XdrDecoder in = new XdrDecoder(wire);
            assertEquals("record mark: last fragment of the rest", 0x8000_0000 | (wire.readableBytes() - 4), in.readInt());
            assertEquals("xid", xid, in.readInt());
            assertEquals("msg_type REPLY", 1, in.readInt());
            check.accept(in);
            assertEquals("nothing after the reply", 0, in.remaining());
        } finally {
            wire.release();
        }
    }

    private void acceptedReply(int xid, AcceptStat stat, Consumer<XdrDecoder> results) {
        reply(xid, in -> {
            assertEquals("MSG_ACCEPTED", 0, in.readInt());
            assertEquals("verifier flavour AUTH_NONE", 0, in.readInt());
            assertEquals("verifier length", 0, in.readInt());
            assertEquals("accept_stat", stat.code(), in.readInt());
            results.accept(in);
        });
    }

    private void deniedReply(int xid, Consumer<XdrDecoder> rejection) {
        reply(xid, in -> {
            assertEquals("MSG_DENIED", 1, in.readInt());
            rejection.accept(in);
        });
    }

    @Test
    public void addCallGetsSuccessWithItsResult() {
        open(128).writeInbound(call(0xCAFE, 2, ADD, out -> out.writeInt(40).writeInt(2)));
        acceptedReply(0xCAFE, AcceptStat.SUCCESS, in -> assertEquals(42, in.readInt()));
        assertNull(channel.readOutbound());
    }

    @Test
    public void nullProcedureGetsAnEmptySuccess() {
        open(128).writeInbound(call(1, 3, NULL, noArgs()));
        acceptedReply(1, AcceptStat.SUCCESS, in -> { });
    }

    @Test
    public void appendedResultsAreSentAsGiven() {
        byte[] data = "zerocopy".getBytes(StandardCharsets.US_ASCII);
        open(128).writeInbound(call(2, 2, ECHO, out -> out.writeOpaque(data)));
        acceptedReply(2, AcceptStat.SUCCESS, in -> assertArrayEquals(data, in.readFixedOpaqueBytes(data.length)));
    }

    @Test
    public void unknownProgramGetsProgUnavail() {
        open(128).writeInbound(call(3, 2, 100003, 3, NULL, out -> authSys(out, 0), noArgs()));
        acceptedReply(3, AcceptStat.PROG_UNAVAIL, in -> { });
    }

    @Test
    public void unservedVersionGetsProgMismatchWithTheRange() {
        open(128).writeInbound(call(4, 4, NULL, noArgs()));
        acceptedReply(4, AcceptStat.PROG_MISMATCH, in -> {
            assertEquals("low", 2, in.readInt());
            assertEquals("high", 3, in.readInt());
        });
    }

    @Test
    public void unknownProcedureGetsProcUnavail() {
        open(128).writeInbound(call(5, 2, 99, noArgs()));
        acceptedReply(5, AcceptStat.PROC_UNAVAIL, in -> { });
    }

    @Test
    public void truncatedArgumentsGetGarbageArgs() {
        open(128).writeInbound(call(6, 2, ADD, out -> out.writeInt(40)));
        acceptedReply(6, AcceptStat.GARBAGE_ARGS, in -> { });
    }

    @Test
    public void hostileOpaqueLengthInArgumentsGetsGarbageArgs() {
        open(128).writeInbound(call(7, 2, ECHO, out -> out.writeInt(-1).writeInt(0)));
        acceptedReply(7, AcceptStat.GARBAGE_ARGS, in -> { });
    }

    @Test
    public void failingProcedureGetsSystemErr() {
        open(128).writeInbound(call(8, 2, BROKEN, noArgs()));
        acceptedReply(8, AcceptStat.SYSTEM_ERR, in -> { });
    }

    @Test
    public void rpcVersion3GetsRpcMismatchTwoToTwo() {
        open(128).writeInbound(call(9, 3, PROG, 2, NULL, out -> authSys(out, 0), noArgs()));
        deniedReply(9, in -> {
            assertEquals("RPC_MISMATCH", 0, in.readInt());
            assertEquals("low", 2, in.readInt());
            assertEquals("high", 2, in.readInt());
        });
    }

    @Test
    public void authSysWithSeventeenGidsGetsAuthBadcred() {
        open(128).writeInbound(call(10, 2, PROG, 2, WHO, out -> authSys(out, 17), noArgs()));
        deniedReply(10, in -> {
            assertEquals("AUTH_ERROR", 1, in.readInt());
            assertEquals("AUTH_BADCRED", 1, in.readInt());
        });
        assertNull("the program never saw the call", lastCredential);
    }

    @Test
    public void credentialBodyOver400BytesGetsAuthBadcred() {
        open(128).writeInbound(call(11, 2, PROG, 2, WHO, out -> out.writeInt(AuthFlavor.AUTH_SYS).writeOpaque(new byte[404]), noArgs()));
        deniedReply(11, in -> {
            assertEquals("AUTH_ERROR", 1, in.readInt());
            assertEquals("AUTH_BADCRED", 1, in.readInt());
        });
    }

    @Test
    public void authSysWithSixteenGidsReachesTheProgram() {
        open(128).writeInbound(call(12, 2, PROG, 2, WHO, out -> authSys(out, 16), noArgs()));
        acceptedReply(12, AcceptStat.SUCCESS, in -> { });
        AuthSys sys = (AuthSys) lastCredential;
        assertEquals(77, sys.stamp());
        assertEquals("client.example", sys.machineName());
        int[] gids = new int[16];
        for (int i = 0; i < 16; i++) {
            gids[i] = 200 + i;
        }
        assertEquals(new Cred(1000, 100, gids), sys.toCred());
    }

    @Test
    public void authNoneReachesTheProgram() {
        open(128).writeInbound(call(13, 2, PROG, 2, WHO, out -> out.writeInt(AuthFlavor.AUTH_NONE).writeInt(0), noArgs()));
        acceptedReply(13, AcceptStat.SUCCESS, in -> { });
        assertEquals(AuthNone.INSTANCE, lastCredential);
    }

    @Test
    public void aCallComesFromTheConnectionsRemoteAddress() {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.7"), 801);
        channel = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
        RpcPipeline.install(channel.pipeline(), new RpcPrograms(List.of(program)), 4096, 128);
        channel.writeInbound(call(15, 2, WHO, noArgs()));
        acceptedReply(15, AcceptStat.SUCCESS, in -> { });
        assertEquals(remote, lastPeer);
    }

    @Test
    public void aCallOnAChannelWithoutAnIpAddressHasNoPeer() {
        open(128).writeInbound(call(16, 2, WHO, noArgs()));
        acceptedReply(16, AcceptStat.SUCCESS, in -> { });
        assertNotNull(lastCredential);
        assertNull(lastPeer);
    }

    @Test
    public void unverifiedFlavourGetsAuthRejectedcred() {
        open(128).writeInbound(call(14, 2, PROG, 2, WHO,
                out -> out.writeInt(AuthFlavor.RPCSEC_GSS).writeOpaque(new byte[] {1, 2, 3}), noArgs()));
        deniedReply(14, in -> {
            assertEquals("AUTH_ERROR", 1, in.readInt());
            assertEquals("AUTH_REJECTEDCRED", 2, in.readInt());
        });
    }

    @Test
    public void replyMessageAndTruncatedHeaderAreDropped() {
        open(128);
        ByteBuf reply = PooledByteBufAllocator.DEFAULT.directBuffer()
                .writeInt(0x8000_0000 | 12).writeInt(15).writeInt(1).writeInt(0);
        ByteBuf truncated = PooledByteBufAllocator.DEFAULT.directBuffer()
                .writeInt(0x8000_0000 | 6).writeInt(16).writeShort(0);
        channel.writeInbound(reply, truncated);
        assertNull(channel.readOutbound());
        assertTrue(channel.isOpen());
        channel.writeInbound(call(17, 2, NULL, noArgs()));
        acceptedReply(17, AcceptStat.SUCCESS, in -> { });
    }

    @Test
    public void twoCallsAnsweredOutOfOrderKeepTheirXids() {
        open(128).writeInbound(call(20, 2, DEFERRED, noArgs()), call(21, 2, DEFERRED, noArgs()));
        assertNull(channel.readOutbound());
        CompletableFuture<RpcResult> first = deferred.poll();
        CompletableFuture<RpcResult> second = deferred.poll();
        second.complete(RpcResult.success(out -> out.writeInt(2021)));
        acceptedReply(21, AcceptStat.SUCCESS, in -> assertEquals(2021, in.readInt()));
        first.complete(RpcResult.success(out -> out.writeInt(2020)));
        acceptedReply(20, AcceptStat.SUCCESS, in -> assertEquals(2020, in.readInt()));
    }

    @Test
    public void callsInFlightAtTheBoundStopReadingUntilOneCompletes() {
        open(2).writeInbound(call(30, 2, DEFERRED, noArgs()));
        assertTrue(channel.config().isAutoRead());
        channel.writeInbound(call(31, 2, DEFERRED, noArgs()));
        assertFalse("two calls in flight: reading stops", channel.config().isAutoRead());
        deferred.poll().complete(RpcResult.failure(AcceptStat.SYSTEM_ERR));
        assertTrue("one call in flight: reading resumes", channel.config().isAutoRead());
        acceptedReply(30, AcceptStat.SYSTEM_ERR, in -> { });
        deferred.poll().completeExceptionally(new IllegalStateException("late failure"));
        acceptedReply(31, AcceptStat.SYSTEM_ERR, in -> { });
    }

    @Test
    public void callsAnsweredAtOnceNeverStopReading() {
        open(1).writeInbound(call(35, 2, NULL, noArgs()), call(36, 2, NULL, noArgs()));
        assertTrue(channel.config().isAutoRead());
        acceptedReply(35, AcceptStat.SUCCESS, in -> { });
        acceptedReply(36, AcceptStat.SUCCESS, in -> { });
    }

    @Test
    public void resultCompletingAfterTheConnectionClosedIsReleased() {
        open(128).writeInbound(call(40, 2, DEFERRED, noArgs()));
        channel.close();
        ByteBuf data = PooledByteBufAllocator.DEFAULT.directBuffer().writeInt(5);
        deferred.poll().complete(RpcResult.success(data));
        assertEquals(0, data.refCnt());
    }
}

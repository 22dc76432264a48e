package io.manticore.protocol.oncrpc.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/** The reply cache as a client sees it: retransmissions over one or several connections of a listener. */
public class DuplicateRequestTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final int PROG = 0x2000_0100;
    private static final int VERS = 1;
    private static final int LOOKUP = 1;
    private static final int MKDIR = 2;
    private static final int DEFERRED_CREATE = 3;
    private static final int BIG_WRITE = 4;
    private static final int BROKEN_REMOVE = 5;

    private final int[] executions = new int[6];
    private final Deque<CompletableFuture<RpcResult>> deferred = new ArrayDeque<>();
    private final ReplyCache cache = new ReplyCache(16, 64 * 1024, 1024, ReplyCache.DEFAULT_EXPIRY);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    /** Every procedure answers how many times it has run, so a second execution shows in the reply. */
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
                case LOOKUP, MKDIR -> (call, args) -> {
                    byte[] name = args.readOpaqueBytes(255);
                    int count = ++executions[procedure];
                    return done(RpcResult.success(out -> out.writeInt(count).writeOpaque(name)));
                };
                case DEFERRED_CREATE -> (call, args) -> {
                    executions[procedure]++;
                    CompletableFuture<RpcResult> future = new CompletableFuture<>();
                    deferred.add(future);
                    return future;
                };
                case BIG_WRITE -> (call, args) -> {
                    int count = ++executions[procedure];
                    return done(RpcResult.success(out -> out.writeInt(count).writeOpaque(new byte[2000])));
                };
                case BROKEN_REMOVE -> (call, args) -> {
                    executions[procedure]++;
                    throw new IllegalStateException("broken on purpose");
                };
                default -> null;
            };
        }

        @Override
        public boolean cachesReplies(int version, int procedure) {
            return procedure != LOOKUP;
        }
    };

    private static CompletionStage<RpcResult> done(RpcResult result) {
        return CompletableFuture.completedFuture(result);
    }

    @After
    public void closeAll() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
        cache.close();
    }

    /** A connection of the listener from {@code ip}:{@code port}. */
    private EmbeddedChannel connect(String ip, int port) throws UnknownHostException {
        SocketAddress remote = new InetSocketAddress(InetAddress.getByName(ip), port);
        EmbeddedChannel channel = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
        RpcPipeline.install(channel.pipeline(), new RpcPrograms(List.of(program)), 4096, 128, cache);
        channels.add(channel);
        return channel;
    }

    /** An RPC CALL with AUTH_NONE in one record (RFC 5531 9 and 11). */
    private static ByteBuf call(int xid, int proc, Consumer<XdrEncoder> args) {
        ByteBuf wire = PooledByteBufAllocator.DEFAULT.directBuffer();
        wire.writeInt(0);
        XdrEncoder out = new XdrEncoder(wire);
        out.writeInt(xid).writeInt(0).writeInt(2).writeInt(PROG).writeInt(VERS).writeInt(proc);
        out.writeInt(AuthFlavor.AUTH_NONE).writeInt(0).writeInt(AuthFlavor.AUTH_NONE).writeInt(0);
        args.accept(out);
        wire.setInt(0, 0x8000_0000 | (wire.readableBytes() - 4));
        return wire;
    }

    private static ByteBuf named(int xid, int proc, String name) {
        return call(xid, proc, out -> out.writeOpaque(name.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Consumer<XdrEncoder> noArgs() {
        return out -> { };
    }

    /** The next reply record as sent, mark included; fails when there is none. */
    private static byte[] sent(EmbeddedChannel channel) {
        ByteBuf wire = channel.readOutbound();
        if (wire == null) {
            throw new AssertionError("no reply was sent");
        }
        try {
            return ByteBufUtil.getBytes(wire);
        } finally {
            wire.release();
        }
    }

    /** The record a SUCCESS reply to {@code xid} with {@code results} is, byte for byte. */
    private static byte[] success(int xid, Consumer<XdrEncoder> results) {
        ByteBuf reply = RpcReplies.success(PooledByteBufAllocator.DEFAULT, xid, results);
        try {
            ByteBuf record = PooledByteBufAllocator.DEFAULT.heapBuffer();
            try {
                record.writeInt(0x8000_0000 | reply.readableBytes()).writeBytes(reply);
                return ByteBufUtil.getBytes(record);
            } finally {
                record.release();
            }
        } finally {
            reply.release();
        }
    }

    private static int acceptStat(byte[] reply) {
        ByteBuf wrapped = Unpooled.wrappedBuffer(reply);
        try {
            return new XdrDecoder(wrapped.skipBytes(4 * 6)).readInt(); // after mark, xid, REPLY, MSG_ACCEPTED, verifier
        } finally {
            wrapped.release();
        }
    }

    @Test
    public void retransmittedCallRunsOnceAndGetsTheFirstReplyByteForByte() throws Exception {
        EmbeddedChannel channel = connect("192.0.2.7", 801);
        channel.writeInbound(named(100, MKDIR, "dir"));
        byte[] first = sent(channel);
        channel.writeInbound(named(100, MKDIR, "dir"));
        byte[] second = sent(channel);
        assertEquals("executions", 1, executions[MKDIR]);
        assertArrayEquals(success(100, out -> out.writeInt(1).writeOpaque("dir".getBytes(StandardCharsets.US_ASCII))), first);
        assertArrayEquals(first, second);
        assertNull(channel.readOutbound());
    }

    @Test
    public void reusedXidWithOtherArgumentsRunsAgain() throws Exception {
        EmbeddedChannel channel = connect("192.0.2.7", 801);
        channel.writeInbound(named(101, MKDIR, "one"));
        byte[] first = sent(channel);
        channel.writeInbound(named(101, MKDIR, "two"));
        byte[] second = sent(channel);
        assertEquals("executions", 2, executions[MKDIR]);
        assertArrayEquals(success(101, out -> out.writeInt(1).writeOpaque("one".getBytes(StandardCharsets.US_ASCII))), first);
        assertArrayEquals(success(101, out -> out.writeInt(2).writeOpaque("two".getBytes(StandardCharsets.US_ASCII))), second);
    }

    @Test
    public void retransmissionWhileTheFirstRunsIsDroppedUnanswered() throws Exception {
        EmbeddedChannel channel = connect("192.0.2.7", 801);
        channel.writeInbound(call(102, DEFERRED_CREATE, noArgs()));
        channel.writeInbound(call(102, DEFERRED_CREATE, noArgs()));
        assertNull("nothing answered yet", channel.readOutbound());
        assertEquals("executions", 1, executions[DEFERRED_CREATE]);
        assertEquals("one call running", 1, deferred.size());
        deferred.poll().complete(RpcResult.success(out -> out.writeInt(7)));
        byte[] first = sent(channel);
        assertNull("one reply for two transmissions", channel.readOutbound());
        assertArrayEquals(success(102, out -> out.writeInt(7)), first);
        channel.writeInbound(call(102, DEFERRED_CREATE, noArgs()));
        assertArrayEquals("a later retransmission gets the reply", first, sent(channel));
        assertEquals("executions", 1, executions[DEFERRED_CREATE]);
    }

    @Test
    public void retransmissionOverANewConnectionFromTheSameAddressHitsTheCache() throws Exception {
        EmbeddedChannel lost = connect("192.0.2.7", 801);
        lost.writeInbound(named(103, MKDIR, "dir"));
        byte[] first = sent(lost);
        lost.close();
        EmbeddedChannel reconnected = connect("192.0.2.7", 944);
        reconnected.writeInbound(named(103, MKDIR, "dir"));
        assertArrayEquals(first, sent(reconnected));
        assertEquals("executions", 1, executions[MKDIR]);
    }

    @Test
    public void sameXidFromAnotherAddressRuns() throws Exception {
        connect("192.0.2.7", 801).writeInbound(named(104, MKDIR, "dir"));
        EmbeddedChannel other = connect("192.0.2.8", 801);
        other.writeInbound(named(104, MKDIR, "dir"));
        assertArrayEquals(success(104, out -> out.writeInt(2).writeOpaque("dir".getBytes(StandardCharsets.US_ASCII))),
                sent(other));
        assertEquals("executions", 2, executions[MKDIR]);
    }

    @Test
    public void replyWrittenAfterTheFirstConnectionClosedIsStillKept() throws Exception {
        EmbeddedChannel lost = connect("192.0.2.7", 801);
        lost.writeInbound(call(105, DEFERRED_CREATE, noArgs()));
        lost.close();
        EmbeddedChannel reconnected = connect("192.0.2.7", 944);
        reconnected.writeInbound(call(105, DEFERRED_CREATE, noArgs()));
        assertNull("dropped: the first is still running", reconnected.readOutbound());
        deferred.poll().complete(RpcResult.success(out -> out.writeInt(9)));
        reconnected.writeInbound(call(105, DEFERRED_CREATE, noArgs()));
        assertArrayEquals(success(105, out -> out.writeInt(9)), sent(reconnected));
        assertEquals("executions", 1, executions[DEFERRED_CREATE]);
    }

    @Test
    public void idempotentProcedureIsNeverCached() throws Exception {
        EmbeddedChannel channel = connect("192.0.2.7", 801);
        channel.writeInbound(named(106, LOOKUP, "file"));
        channel.writeInbound(named(106, LOOKUP, "file"));
        assertArrayEquals(success(106, out -> out.writeInt(1).writeOpaque("file".getBytes(StandardCharsets.US_ASCII))),
                sent(channel));
        assertArrayEquals(success(106, out -> out.writeInt(2).writeOpaque("file".getBytes(StandardCharsets.US_ASCII))),
                sent(channel));
        assertEquals("entries", 0, cache.entries());
    }

    @Test
    public void failedCallIsForgottenSoItsRetransmissionRunsAgain() throws Exception {
        EmbeddedChannel channel = connect("192.0.2.7", 801);
        channel.writeInbound(call(107, BROKEN_REMOVE, noArgs()));
        assertEquals(AcceptStat.SYSTEM_ERR.code(), acceptStat(sent(channel)));
        channel.writeInbound(call(107, BROKEN_REMOVE, noArgs()));
        assertEquals(AcceptStat.SYSTEM_ERR.code(), acceptStat(sent(channel)));
        assertEquals("executions", 2, executions[BROKEN_REMOVE]);
        assertEquals("entries", 0, cache.entries());
    }

    @Test
    public void garbageArgumentsAreNotCached() throws Exception {
        EmbeddedChannel channel = connect("192.0.2.7", 801);
        channel.writeInbound(call(108, MKDIR, out -> out.writeInt(-1)));
        assertEquals(AcceptStat.GARBAGE_ARGS.code(), acceptStat(sent(channel)));
        assertEquals("entries", 0, cache.entries());
        channel.writeInbound(named(108, MKDIR, "dir"));
        assertEquals(AcceptStat.SUCCESS.code(), acceptStat(sent(channel)));
        assertEquals("executions", 1, executions[MKDIR]);
    }

    @Test
    public void replyOverTheSizeLimitIsNotKeptAndItsCallRunsAgain() throws Exception {
        EmbeddedChannel channel = connect("192.0.2.7", 801);
        channel.writeInbound(call(109, BIG_WRITE, noArgs()));
        byte[] first = sent(channel);
        channel.writeInbound(call(109, BIG_WRITE, noArgs()));
        byte[] second = sent(channel);
        assertEquals("executions", 2, executions[BIG_WRITE]);
        assertFalse("the second execution answered its own count", Arrays.equals(first, second));
        assertEquals("entries", 0, cache.entries());
        assertEquals("bytes", 0, cache.bytes());
    }

    @Test
    public void pipelineWithoutACacheRunsEveryRetransmission() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        RpcPipeline.install(channel.pipeline(), new RpcPrograms(List.of(program)));
        channel.writeInbound(named(110, MKDIR, "dir"));
        channel.writeInbound(named(110, MKDIR, "dir"));
        sent(channel);
        sent(channel);
        assertEquals("executions", 2, executions[MKDIR]);
    }
}

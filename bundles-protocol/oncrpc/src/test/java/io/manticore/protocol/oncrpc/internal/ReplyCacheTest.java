package io.manticore.protocol.oncrpc.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.manticore.testkit.LeakCheck;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class ReplyCacheTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final Duration EXPIRY = Duration.ofSeconds(120);

    /** The copies the cache makes, unwrapped, so a test can see their reference counts. */
    private final List<ByteBuf> copies = new ArrayList<>();
    private final ByteBufAllocator alloc = new AbstractByteBufAllocator(false) {
        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf copy = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            copies.add(copy);
            return copy;
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    };
    private long now = 5_000_000_000L;
    private ReplyCache cache;

    @After
    public void closeCache() {
        if (cache != null) {
            cache.close();
        }
    }

    private ReplyCache open(int maxEntries, long maxBytes, int maxReplySize) {
        cache = new ReplyCache(maxEntries, maxBytes, maxReplySize, EXPIRY, () -> now);
        return cache;
    }

    private static ReplyCache.Key key(int xid) {
        return new ReplyCache.Key(InetAddress.getLoopbackAddress(), xid, 100003, 3, 8, 40, 0x1234);
    }

    private static byte[] replyBytes(int xid, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (xid * 31 + i);
        }
        return bytes;
    }

    private ReplyCache.Run run(ReplyCache.Key key) {
        ReplyCache.Lookup lookup = cache.begin(key);
        assertTrue("expected to run, got " + lookup, lookup instanceof ReplyCache.Run);
        return (ReplyCache.Run) lookup;
    }

    /** Runs and completes the call of {@code xid} with a reply of {@code size} bytes; the copy kept is {@code copies} last. */
    private void store(int xid, int size) {
        ReplyCache.Run run = run(key(xid));
        ByteBuf reply = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(replyBytes(xid, size));
        cache.complete(run, reply, alloc);
        assertEquals("the caller's reply is left as it was", 1, reply.refCnt());
        reply.release();
    }

    /** The bytes replayed for {@code xid}, after checking they are replayed. */
    private byte[] replay(int xid) {
        ReplyCache.Lookup lookup = cache.begin(key(xid));
        assertTrue("expected a replay, got " + lookup, lookup instanceof ReplyCache.Replay);
        ByteBuf reply = ((ReplyCache.Replay) lookup).reply();
        try {
            return ByteBufUtil.getBytes(reply);
        } finally {
            reply.release();
        }
    }

    private static RpcCall call(InetSocketAddress peer, int xid, byte[] args) {
        return new RpcCall(xid, 2, 100003, 3, 8, AuthNone.INSTANCE, OpaqueAuth.NONE,
                PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(args), peer);
    }

    private static ReplyCache.Key keyOf(String ip, int port, int xid, byte[] args) throws Exception {
        RpcCall call = call(new InetSocketAddress(InetAddress.getByName(ip), port), xid, args);
        try {
            return ReplyCache.keyOf(call);
        } finally {
            call.release();
        }
    }

    @Test
    public void keyHasTheClientAddressButNotItsPort() throws Exception {
        byte[] args = replyBytes(1, 40);
        assertEquals(keyOf("192.0.2.7", 801, 9, args), keyOf("192.0.2.7", 944, 9, args));
        assertNotEquals(keyOf("192.0.2.7", 801, 9, args), keyOf("192.0.2.8", 801, 9, args));
        assertNotEquals(keyOf("192.0.2.7", 801, 9, args), keyOf("192.0.2.7", 801, 10, args));
    }

    @Test
    public void keyTellsArgumentsApartByLengthAndFirst256Bytes() throws Exception {
        byte[] args = replyBytes(2, 400);
        byte[] earlyChange = args.clone();
        earlyChange[255]++;
        byte[] lateChange = args.clone();
        lateChange[256]++;
        ReplyCache.Key original = keyOf("192.0.2.7", 801, 9, args);
        assertNotEquals(original, keyOf("192.0.2.7", 801, 9, earlyChange));
        assertEquals("nfsd's rule: bytes past 256 are not summed", original, keyOf("192.0.2.7", 801, 9, lateChange));
        assertNotEquals(original, keyOf("192.0.2.7", 801, 9, replyBytes(2, 404)));
    }

    @Test
    public void peerWithoutAnAddressHasNoKey() {
        RpcCall call = call(null, 9, new byte[8]);
        try {
            assertNull(ReplyCache.keyOf(call));
        } finally {
            call.release();
        }
    }

    @Test
    public void completedCallsHandedOverAreReplayedByTheNextCacheWithTheirAge() {
        open(8, 4096, 1024);
        store(1, 100);
        now += Duration.ofSeconds(100).toNanos();
        store(2, 50);
        run(key(3));
        Map<String, Object> state = cache.handOver();
        assertEquals("the old cache is closed", 0, cache.entries());

        ReplyCache next = new ReplyCache(8, 4096, 1024, EXPIRY, () -> now);
        cache = next;
        assertEquals("running calls are not handed over", 2, next.adopt(state));
        assertArrayEquals(replyBytes(1, 100), replay(1));
        assertArrayEquals(replyBytes(2, 50), replay(2));
        assertTrue("the running one runs again", next.begin(key(3)) instanceof ReplyCache.Run);
        assertEquals(150, next.bytes());
    }

    @Test
    public void adoptedCallsKeepTheirAgeAndTheCachesBounds() {
        open(8, 4096, 1024);
        store(1, 100);
        now += Duration.ofSeconds(119).toNanos();
        store(2, 100);
        Map<String, Object> state = cache.handOver();
        now += Duration.ofSeconds(2).toNanos();
        ReplyCache next = new ReplyCache(1, 4096, 1024, EXPIRY, () -> now);
        cache = next;
        assertEquals(2, next.adopt(state));
        assertEquals("the older expired, and one entry fits", 1, next.entries());
        assertArrayEquals(replyBytes(2, 100), replay(2));
    }

    @Test
    public void aHandoverOfAnotherFormatIsRefused() {
        open(8, 4096, 1024);
        assertThrows(IllegalArgumentException.class, () -> cache.adopt(Map.of("format", 2, "entries", List.of())));
        assertThrows(IllegalArgumentException.class, () -> cache.adopt(Map.of("format", 1, "entries", List.of(List.of("x")))));
    }

    @Test
    public void completedCallIsReplayedAndRunningCallIsDropped() {
        open(8, 4096, 1024);
        run(key(1));
        assertSame(ReplyCache.Drop.INSTANCE, cache.begin(key(1)));
        store(2, 100);
        assertArrayEquals(replyBytes(2, 100), replay(2));
        assertArrayEquals("replayed as often as asked", replyBytes(2, 100), replay(2));
        assertEquals(2, cache.entries());
        assertEquals(100, cache.bytes());
    }

    @Test
    public void evictionByCountReleasesTheLeastRecentlyUsedReply() {
        open(2, 4096, 1024);
        store(1, 10);
        store(2, 20);
        replay(1);
        store(3, 30);
        assertEquals(2, cache.entries());
        assertEquals(10 + 30, cache.bytes());
        assertEquals("the reply of 2 was released", 0, copies.get(1).refCnt());
        assertEquals(1, copies.get(0).refCnt());
        assertArrayEquals(replyBytes(1, 10), replay(1));
        run(key(2));
    }

    @Test
    public void evictionByBytesReleasesTheOldestReplies() {
        open(16, 100, 60);
        store(1, 30);
        store(2, 30);
        store(3, 30);
        store(4, 60);
        assertEquals("150 bytes is over 100: the two oldest go", 2, cache.entries());
        assertEquals(90, cache.bytes());
        assertEquals(0, copies.get(0).refCnt());
        assertEquals(0, copies.get(1).refCnt());
        assertEquals(1, copies.get(2).refCnt());
        assertArrayEquals(replyBytes(3, 30), replay(3));
        assertArrayEquals(replyBytes(4, 60), replay(4));
    }

    @Test
    public void evictionByBytesSkipsRunningCalls() {
        open(16, 100, 60);
        run(key(1));
        store(2, 60);
        store(3, 60);
        assertEquals(2, cache.entries());
        assertSame("still running, still remembered", ReplyCache.Drop.INSTANCE, cache.begin(key(1)));
        assertEquals(0, copies.get(0).refCnt());
    }

    @Test
    public void replyOverTheSizeLimitIsNotKeptAndItsCallIsForgotten() {
        open(16, 4096, 64);
        store(1, 65);
        assertEquals(0, cache.entries());
        assertEquals(0, cache.bytes());
        assertTrue("nothing copied", copies.isEmpty());
        run(key(1));
    }

    @Test
    public void abandonedCallRunsAgain() {
        open(16, 4096, 64);
        cache.abandon(run(key(1)));
        assertEquals(0, cache.entries());
        run(key(1));
    }

    @Test
    public void unusedReplyExpiresAndIsReleased() {
        open(16, 4096, 1024);
        store(1, 10);
        now += EXPIRY.toNanos() - 1;
        replay(1);
        now += 2;
        assertArrayEquals("the replay renewed it", replyBytes(1, 10), replay(1));
        store(2, 10);
        now += EXPIRY.toNanos();
        run(key(3));
        assertEquals("1 and 2 expired, 3 runs", 1, cache.entries());
        assertEquals(0, cache.bytes());
        assertEquals(0, copies.get(0).refCnt());
        assertEquals(0, copies.get(1).refCnt());
    }

    @Test
    public void runningCallNeverExpires() {
        open(16, 4096, 1024);
        ReplyCache.Run slow = run(key(1));
        now += 10 * EXPIRY.toNanos();
        assertSame(ReplyCache.Drop.INSTANCE, cache.begin(key(1)));
        ByteBuf reply = PooledByteBufAllocator.DEFAULT.heapBuffer().writeBytes(replyBytes(1, 8));
        cache.complete(slow, reply, alloc);
        reply.release();
        assertArrayEquals(replyBytes(1, 8), replay(1));
    }

    @Test
    public void callEvictedWhileRunningIsNotKeptWhenItCompletes() {
        open(1, 4096, 1024);
        ReplyCache.Run evicted = run(key(1));
        store(2, 10);
        ByteBuf reply = PooledByteBufAllocator.DEFAULT.heapBuffer().writeBytes(replyBytes(1, 8));
        cache.complete(evicted, reply, alloc);
        reply.release();
        assertEquals(0, copies.get(1).refCnt());
        assertEquals(1, cache.entries());
        assertArrayEquals(replyBytes(2, 10), replay(2));
    }

    @Test
    public void closeReleasesEveryReplyAndKeepsNothingAfter() {
        open(16, 4096, 1024);
        store(1, 10);
        ReplyCache.Run running = run(key(2));
        cache.close();
        assertEquals(0, copies.get(0).refCnt());
        assertEquals(0, cache.entries());
        assertEquals(0, cache.bytes());
        ByteBuf reply = PooledByteBufAllocator.DEFAULT.heapBuffer().writeBytes(replyBytes(2, 8));
        cache.complete(running, reply, alloc);
        reply.release();
        assertEquals(0, copies.get(1).refCnt());
        ReplyCache.Lookup after = cache.begin(key(1));
        assertTrue(after instanceof ReplyCache.Run run && run.entry() == null);
    }
}

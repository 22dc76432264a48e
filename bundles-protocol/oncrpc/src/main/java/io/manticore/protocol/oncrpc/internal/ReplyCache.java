package io.manticore.protocol.oncrpc.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The duplicate-request cache of one listener, shared by all its connections or by every client
 * of its datagram channel: a retransmitted call of a procedure that is not idempotent
 * ({@link RpcProgram#cachesReplies}) gets the reply of its first execution instead of running
 * again. RFC 5531 defines none; this follows Linux nfsd's reply cache (fs/nfsd/nfscache.c).
 * <ul>
 * <li>A call is known by its client's IP address ({@link RpcCall#peer()}, not the port: a client
 * that reconnects retransmits from a new one), xid, program, version, procedure, and the length
 * and CRC32C of its first {@value #CHECKSUM_BYTES} argument bytes, so a reused xid with other
 * arguments runs.</li>
 * <li>A retransmission of a call still running is dropped: no reply, no execution. One of a call
 * that completed is answered with a copy of the first reply, which carries the same xid.</li>
 * <li>Bounded by entry count and by the bytes of the replies kept, least recently used first;
 * an entry expires once unused for the expiry time, except while its call runs.</li>
 * <li>A reply larger than {@code maxReplySize} is not kept, and its call is forgotten, so a
 * retransmission runs again (nfsd keeps at most 256 bytes): the procedures that need the cache
 * answer a few hundred bytes, and remembering a call without its reply would leave the client
 * retrying unanswered until the entry expired.</li>
 * </ul>
 * Every kept reply is a copy the cache owns and releases when it evicts, expires or
 * {@linkplain #close() closes}. Thread-safe: one lock, held only for map updates.
 */
public final class ReplyCache implements AutoCloseable {

    public static final int DEFAULT_MAX_ENTRIES = 4096;
    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;
    public static final int DEFAULT_MAX_REPLY_SIZE = 64 * 1024;
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(120);
    /** nfsd's RC_CSUMLEN. */
    static final int CHECKSUM_BYTES = 256;
    private static final int HANDOVER_FORMAT = 1;

    private final int maxEntries;
    private final long maxBytes;
    private final int maxReplySize;
    private final long expiryNanos;
    private final LongSupplier nanoClock;
    /** Access order: the least recently used entry first. */
    private final LinkedHashMap<Key, Entry> byKey = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private boolean closed;

    /** A cache of {@value #DEFAULT_MAX_ENTRIES} entries, 8 MiB of replies of at most 64 KiB each, expiring after 120 s. */
    public ReplyCache() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES, DEFAULT_MAX_REPLY_SIZE, DEFAULT_EXPIRY);
    }

    public ReplyCache(int maxEntries, long maxBytes, int maxReplySize, Duration expiry) {
        this(maxEntries, maxBytes, maxReplySize, expiry, System::nanoTime);
    }

    ReplyCache(int maxEntries, long maxBytes, int maxReplySize, Duration expiry, LongSupplier nanoClock) {
        if (maxEntries <= 0 || maxReplySize <= 0 || maxBytes < maxReplySize || expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("maxEntries " + maxEntries + ", maxBytes " + maxBytes
                    + ", maxReplySize " + maxReplySize + ", expiry " + expiry);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.maxReplySize = maxReplySize;
        this.expiryNanos = expiry.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The number of calls remembered, running or completed. */
    public synchronized int entries() {
        return byKey.size();
    }

    /** The bytes of the replies kept. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Releases every kept reply; from then on nothing is kept and every call runs. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Entry entry : byKey.values()) {
            entry.release();
        }
        byKey.clear();
        bytes = 0;
    }

    /**
     * The completed calls and their replies, least recently used first, as state the next
     * version of the bundle can {@link #adopt} (JDK values only: io.manticore.api.runtime.Handover);
     * the cache is closed after.
     */
    public synchronized Map<String, Object> handOver() {
        long now = nanoClock.getAsLong();
        List<List<Object>> entries = new ArrayList<>();
        for (Entry entry : byKey.values()) {
            if (entry.reply != null) {
                Key k = entry.key;
                entries.add(List.of(k.client(), k.xid(), k.program(), k.version(), k.procedure(), k.argsLength(),
                        k.argsChecksum(), ByteBufUtil.getBytes(entry.reply), now - entry.touched));
            }
        }
        close();
        return Map.of("format", HANDOVER_FORMAT, "entries", entries);
    }

    /**
     * Takes the calls a previous version of the bundle {@linkplain #handOver handed over}, with the
     * age they had, within this cache's bounds; returns how many.
     *
     * @throws IllegalArgumentException when the state is not of a format this version reads
     */
    public synchronized int adopt(Object state) {
        try {
            Map<?, ?> top = (Map<?, ?>) state;
            if (!Integer.valueOf(HANDOVER_FORMAT).equals(top.get("format"))) {
                throw new IllegalArgumentException("reply cache handover format " + top.get("format") + " is not "
                        + HANDOVER_FORMAT);
            }
            long now = nanoClock.getAsLong();
            int adopted = 0;
            for (Object item : (List<?>) top.get("entries")) {
                List<?> e = (List<?>) item;
                Key key = new Key(e.get(0), (Integer) e.get(1), (Integer) e.get(2), (Integer) e.get(3), (Integer) e.get(4),
                        (Integer) e.get(5), (Integer) e.get(6));
                byte[] reply = (byte[]) e.get(7);
                if (closed || reply.length > maxReplySize || byKey.containsKey(key)) {
                    continue;
                }
                if (byKey.size() >= maxEntries) {
                    removeEldest();
                }
                Entry entry = new Entry(key, now - (Long) e.get(8));
                entry.reply = Unpooled.wrappedBuffer(reply);
                byKey.put(key, entry);
                bytes += reply.length;
                adopted++;
            }
            trimBytes();
            expire(now);
            return adopted;
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("reply cache handover state is malformed: " + e, e);
        }
    }

    /** The key of {@code call}, known by its peer; null when the peer has no address to know it by. */
    static Key keyOf(RpcCall call) {
        InetSocketAddress peer = call.peer();
        if (peer == null) {
            return null;
        }
        Object client = peer.getAddress() != null ? peer.getAddress() : peer;
        ByteBuf args = call.args();
        int length = args.readableBytes();
        CRC32C crc = new CRC32C();
        for (ByteBuffer part : args.nioBuffers(args.readerIndex(), Math.min(length, CHECKSUM_BYTES))) {
            crc.update(part);
        }
        return new Key(client, call.xid(), call.program(), call.version(), call.procedure(), length, (int) crc.getValue());
    }

    /** What to do with the call of {@code key}; after {@link Run}, the caller reports the outcome with {@link #complete} or {@link #abandon}. */
    synchronized Lookup begin(Key key) {
        if (closed) {
            return new Run(null);
        }
        long now = nanoClock.getAsLong();
        expire(now);
        Entry entry = byKey.get(key);
        if (entry == null) {
            if (byKey.size() >= maxEntries) {
                removeEldest();
            }
            entry = new Entry(key, now);
            byKey.put(key, entry);
            return new Run(entry);
        }
        if (entry.reply == null) {
            return Drop.INSTANCE;
        }
        entry.touched = now;
        return new Replay(entry.reply.retainedDuplicate());
    }

    /** Keeps a copy of {@code reply} as the answer of the call that {@code run} let run; the reference count of {@code reply} is left as it was. */
    void complete(Run run, ByteBuf reply, ByteBufAllocator alloc) {
        Entry entry = run.entry();
        if (entry == null) {
            return;
        }
        int size = reply.readableBytes();
        if (size > maxReplySize) {
            abandon(run);
            return;
        }
        ByteBuf copy = alloc.buffer(size, size).writeBytes(reply, reply.readerIndex(), size);
        synchronized (this) {
            if (closed || byKey.get(entry.key) != entry) {
                copy.release(); // evicted while it ran, or closed: the call stays forgotten
                return;
            }
            entry.reply = copy;
            entry.touched = nanoClock.getAsLong();
            bytes += size;
            trimBytes();
        }
    }

    /** Forgets the call that {@code run} let run, so that a retransmission runs it again. */
    synchronized void abandon(Run run) {
        Entry entry = run.entry();
        if (entry != null && byKey.get(entry.key) == entry) {
            byKey.remove(entry.key);
        }
    }

    /** Entries are in order of last use; calls still running never expire. */
    private void expire(long now) {
        Iterator<Entry> eldestFirst = byKey.values().iterator();
        while (eldestFirst.hasNext()) {
            Entry entry = eldestFirst.next();
            if (now - entry.touched < expiryNanos) {
                return;
            }
            if (entry.reply != null) {
                eldestFirst.remove();
                bytes -= entry.release();
            }
        }
    }

    private void removeEldest() {
        Iterator<Entry> eldestFirst = byKey.values().iterator();
        Entry eldest = eldestFirst.next();
        eldestFirst.remove();
        bytes -= eldest.release();
    }

    /** Only completed entries hold bytes, so running calls are skipped. */
    private void trimBytes() {
        Iterator<Entry> eldestFirst = byKey.values().iterator();
        while (bytes > maxBytes && eldestFirst.hasNext()) {
            Entry entry = eldestFirst.next();
            if (entry.reply != null) {
                eldestFirst.remove();
                bytes -= entry.release();
            }
        }
    }

    /**
     * What identifies a call across retransmissions.
     *
     * @param client        the client's IP address ({@link java.net.InetAddress}), or its unresolved socket address
     * @param argsLength    the length of the arguments
     * @param argsChecksum  the CRC32C of their first {@value #CHECKSUM_BYTES} bytes
     */
    record Key(Object client, int xid, int program, int version, int procedure, int argsLength, int argsChecksum) {
    }

    /** The answer of {@link #begin}. */
    sealed interface Lookup permits Run, Drop, Replay {
    }

    /** Run the call, then report it; {@code entry} is null when the cache keeps nothing. */
    record Run(Entry entry) implements Lookup {
    }

    /** The first transmission is still running: drop this one. */
    enum Drop implements Lookup {
        INSTANCE
    }

    /** Send {@code reply}, which the caller now owns. */
    record Replay(ByteBuf reply) implements Lookup {
    }

    /** A remembered call: running while {@code reply} is null. Guarded by the cache's lock. */
    static final class Entry {
        private final Key key;
        private ByteBuf reply;
        private long touched;

        private Entry(Key key, long touched) {
            this.key = key;
            this.touched = touched;
        }

        /** Releases the reply kept, if any, and answers its size. */
        private int release() {
            if (reply == null) {
                return 0;
            }
            int size = reply.readableBytes();
            reply.release();
            reply = null;
            return size;
        }
    }
}

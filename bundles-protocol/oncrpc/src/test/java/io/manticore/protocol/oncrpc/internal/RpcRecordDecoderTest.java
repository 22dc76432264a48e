package io.manticore.protocol.oncrpc.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.Rule;
import org.junit.Test;

public class RpcRecordDecoderTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final int LAST = 0x8000_0000;

    private static byte[] payload(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i * 7);
        }
        return bytes;
    }

    /** The record marking of {@code record} cut into fragments of the given sizes. */
    private static ByteBuf fragments(byte[] record, int... sizes) {
        ByteBuf wire = PooledByteBufAllocator.DEFAULT.directBuffer();
        int offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            wire.writeInt((i == sizes.length - 1 ? LAST : 0) | sizes[i]);
            wire.writeBytes(record, offset, sizes[i]);
            offset += sizes[i];
        }
        assertEquals(record.length, offset);
        return wire;
    }

    private static byte[] readRecord(EmbeddedChannel channel) {
        ByteBuf record = channel.readInbound();
        try {
            return ByteBufUtil.getBytes(record);
        } finally {
            record.release();
        }
    }

    @Test
    public void callSplitIntoThreeFragmentsIsOneRecord() {
        EmbeddedChannel channel = new EmbeddedChannel(new RpcRecordDecoder(1024));
        byte[] record = payload(40, 3);
        channel.writeInbound(fragments(record, 10, 17, 13));
        assertArrayEquals(record, readRecord(channel));
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    public void recordFedOneByteAtATimeIsByteIdentical() {
        EmbeddedChannel channel = new EmbeddedChannel(new RpcRecordDecoder(1024));
        byte[] first = payload(41, 5);
        byte[] second = payload(3, 9);
        ByteBuf wire = fragments(first, 1, 0, 23, 17);
        ByteBuf secondWire = fragments(second, 3);
        wire.writeBytes(secondWire);
        secondWire.release();
        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(1));
        }
        wire.release();
        assertArrayEquals(first, readRecord(channel));
        assertArrayEquals(second, readRecord(channel));
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    public void twoRecordsInOneReadAreTwoRecords() {
        EmbeddedChannel channel = new EmbeddedChannel(new RpcRecordDecoder(1024));
        byte[] first = payload(8, 1);
        byte[] second = payload(12, 2);
        ByteBuf wire = fragments(first, 8);
        ByteBuf secondWire = fragments(second, 4, 8);
        wire.writeBytes(secondWire);
        secondWire.release();
        channel.writeInbound(wire);
        assertArrayEquals(first, readRecord(channel));
        assertArrayEquals(second, readRecord(channel));
        assertFalse(channel.finish());
    }

    @Test
    public void fragmentOverTheLimitClosesTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new RpcRecordDecoder(100));
        ByteBuf wire = PooledByteBufAllocator.DEFAULT.directBuffer().writeInt(LAST | 101).writeZero(50);
        channel.writeInbound(wire);
        assertFalse(channel.isOpen());
        assertNull(channel.readInbound());
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    public void recordOverTheLimitAcrossFragmentsClosesAndReleasesWhatItHeld() {
        EmbeddedChannel channel = new EmbeddedChannel(new RpcRecordDecoder(100));
        channel.writeInbound(fragments(payload(60, 1), 60).setInt(0, 60));
        assertTrue(channel.isOpen());
        ByteBuf more = PooledByteBufAllocator.DEFAULT.directBuffer().writeInt(LAST | 41).writeBytes(payload(41, 2));
        channel.writeInbound(more);
        assertFalse(channel.isOpen());
        assertNull(channel.readInbound());
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    public void recordExactlyAtTheLimitPasses() {
        EmbeddedChannel channel = new EmbeddedChannel(new RpcRecordDecoder(100));
        byte[] record = payload(100, 4);
        channel.writeInbound(fragments(record, 50, 50));
        assertArrayEquals(record, readRecord(channel));
        assertTrue(channel.isOpen());
        assertFalse(channel.finish());
    }

    @Test
    public void connectionClosedMidRecordReleasesThePartialRecord() {
        EmbeddedChannel channel = new EmbeddedChannel(new RpcRecordDecoder(1024));
        channel.writeInbound(fragments(payload(20, 1), 20).setInt(0, 20));
        ByteBuf halfFragment = PooledByteBufAllocator.DEFAULT.directBuffer().writeInt(LAST | 30).writeZero(10);
        channel.writeInbound(halfFragment);
        assertNull(channel.readInbound());
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    public void replyIsSentAsOneLastFragment() {
        EmbeddedChannel channel = new EmbeddedChannel(new RpcRecordEncoder());
        channel.writeOutbound(PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(payload(6, 1)));
        ByteBuf sent = channel.readOutbound();
        try {
            assertEquals("80000006" + ByteBufUtil.hexDump(payload(6, 1)), ByteBufUtil.hexDump(sent));
        } finally {
            sent.release();
        }
        assertFalse(channel.finish());
    }

    @Test
    public void aRecordSplitInTooManyFragmentsClosesTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new RpcRecordDecoder(1 << 20));
        int[] sizes = new int[RpcRecordDecoder.MAX_FRAGMENTS + 2];
        java.util.Arrays.fill(sizes, 1);
        channel.writeInbound(fragments(payload(sizes.length, 1), sizes));
        assertNull(channel.readInbound());
        assertFalse(channel.isOpen());
    }

    @Test
    public void emptyMiddleFragmentsAreSkipped() {
        EmbeddedChannel channel = new EmbeddedChannel(new RpcRecordDecoder(1024));
        byte[] record = payload(8, 5);
        ByteBuf wire = PooledByteBufAllocator.DEFAULT.directBuffer();
        for (int i = 0; i < 5000; i++) {
            wire.writeInt(0);
        }
        wire.writeInt(LAST | record.length).writeBytes(record);
        channel.writeInbound(wire);
        assertArrayEquals(record, readRecord(channel));
        assertTrue(channel.isOpen());
        channel.finishAndReleaseAll();
    }
}

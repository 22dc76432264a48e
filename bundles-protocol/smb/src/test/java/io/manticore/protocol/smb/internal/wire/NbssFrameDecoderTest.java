package io.manticore.protocol.smb.internal.wire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Random;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

public class NbssFrameDecoderTest {

    private static final int MAX = 1024 * 1024;

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final EmbeddedChannel channel = new EmbeddedChannel(new NbssFrameDecoder(MAX));

    @Test
    public void aLargeMessageArrivingInPiecesComesOutWholeAndTheNextOneAfterIt() {
        byte[] big = random(1, NbssFrameDecoder.GATHER_FROM + 12_345);
        byte[] small = random(2, 100);
        byte[] stream = concat(frame(big), frame(small));
        int[] cuts = {3, 70_000, 70_001, 200_000, stream.length - 50, stream.length};
        int from = 0;
        for (int cut : cuts) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, from, cut - from));
            from = cut;
        }
        assertMessage(big);
        assertMessage(small);
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    public void smallMessagesInOneReadComeOutOneByOneAndKeepAlivesAreSkipped() {
        byte[] one = random(3, 10);
        byte[] two = random(4, 20);
        channel.writeInbound(Unpooled.wrappedBuffer(concat(frame(one), new byte[] {(byte) 0x85, 0, 0, 0}, frame(two))));
        assertMessage(one);
        assertMessage(two);
        assertFalse(channel.finish());
    }

    @Test
    public void aMessageOverTheMaximumClosesTheConnection() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0x10, 0, 1, 1, 2, 3}));
        assertNull(channel.readInbound());
        assertFalse(channel.isOpen());
    }

    @Test
    public void aConnectionClosedWhileALargeMessageIsGatheredReleasesIt() {
        byte[] big = random(5, NbssFrameDecoder.GATHER_FROM * 2);
        byte[] stream = frame(big);
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, stream.length / 2));
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
        assertTrue("closed", !channel.isOpen());
    }

    private void assertMessage(byte[] expected) {
        ByteBuf message = channel.readInbound();
        try {
            assertArrayEquals(expected, ByteBufUtil.getBytes(message));
        } finally {
            message.release();
        }
    }

    private static byte[] frame(byte[] message) {
        byte[] out = new byte[4 + message.length];
        out[1] = (byte) (message.length >>> 16);
        out[2] = (byte) (message.length >>> 8);
        out[3] = (byte) message.length;
        System.arraycopy(message, 0, out, 4, message.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}

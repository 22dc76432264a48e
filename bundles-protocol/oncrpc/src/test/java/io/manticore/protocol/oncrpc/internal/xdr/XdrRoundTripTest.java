package io.manticore.protocol.oncrpc.internal.xdr;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.Rule;
import org.junit.Test;

public class XdrRoundTripTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static ByteBuf buffer() {
        return PooledByteBufAllocator.DEFAULT.directBuffer();
    }

    @Test
    public void everyTypeRoundTrips() {
        ByteBuf buf = buffer();
        ByteBuf source = buffer().writeBytes("hello".getBytes(StandardCharsets.US_ASCII));
        try {
            new XdrEncoder(buf)
                    .writeInt(-5)
                    .writeUnsignedInt(0xFFFF_FFFEL)
                    .writeHyper(Long.MIN_VALUE + 7)
                    .writeUnsignedHyper(-1L)
                    .writeBool(true)
                    .writeBool(false)
                    .writeEnum(7)
                    .writeFixedOpaque(new byte[] {1, 2, 3})
                    .writeOpaque(new byte[] {9})
                    .writeOpaque(source)
                    .writeString("h\u00e9llo")
                    .writeArray(List.of("a", "bcde", ""), XdrEncoder::writeString)
                    .writeIntArray(new int[] {4, -4});
            assertEquals("the source buffer's indexes are left alone", 5, source.readableBytes());

            XdrDecoder in = new XdrDecoder(buf);
            assertEquals(-5, in.readInt());
            assertEquals(0xFFFF_FFFEL, in.readUnsignedInt());
            assertEquals(Long.MIN_VALUE + 7, in.readHyper());
            assertEquals(-1L, in.readUnsignedHyper());
            assertTrue(in.readBool());
            assertFalse(in.readBool());
            assertEquals(Integer.valueOf(7), in.readEnum(v -> v == 7 ? 7 : null));
            assertArrayEquals(new byte[] {1, 2, 3}, in.readFixedOpaqueBytes(3));
            assertArrayEquals(new byte[] {9}, in.readOpaqueBytes(1));
            ByteBuf slice = in.readOpaqueSlice(5);
            try {
                assertEquals("hello", slice.toString(StandardCharsets.US_ASCII));
            } finally {
                slice.release();
            }
            assertEquals("h\u00e9llo", in.readString(6));
            assertEquals(List.of("a", "bcde", ""), in.readArray(3, d -> d.readString(4)));
            assertArrayEquals(new int[] {4, -4}, in.readIntArray(2));
            assertEquals(0, in.remaining());
        } finally {
            buf.release();
            source.release();
        }
    }

    @Test
    public void encodingMatchesRfc4506ByteForByte() {
        ByteBuf buf = buffer();
        try {
            new XdrEncoder(buf)
                    .writeString("abc")
                    .writeOpaque(new byte[] {1, 2, 3, 4, 5})
                    .writeFixedOpaque(new byte[] {(byte) 0xAA})
                    .writeHyper(0x0102030405060708L)
                    .writeBool(true)
                    .writeIntArray(new int[] {0x10});
            assertEquals("00000003" + "61626300"
                    + "00000005" + "0102030405000000"
                    + "aa000000"
                    + "0102030405060708"
                    + "00000001"
                    + "00000001" + "00000010", ByteBufUtil.hexDump(buf));
        } finally {
            buf.release();
        }
    }

    @Test
    public void opaqueSliceSharesTheBytesAndIsOwnedByTheCaller() {
        ByteBuf buf = buffer().writeBytes(HexFormat.of().parseHex("00000002beef0000"));
        try {
            ByteBuf slice = new XdrDecoder(buf).readOpaqueSlice(2);
            assertEquals(2, buf.refCnt());
            buf.setByte(4, 0x11);
            assertEquals("11ef", ByteBufUtil.hexDump(slice));
            assertTrue(slice.release());
            assertEquals(1, buf.refCnt());
            assertEquals(0, buf.readableBytes());
        } finally {
            buf.release();
        }
    }

    @Test
    public void emptyOpaqueAndStringTakeFourBytes() {
        ByteBuf buf = buffer();
        try {
            new XdrEncoder(buf).writeOpaque(new byte[0]).writeString("");
            assertEquals("0000000000000000", ByteBufUtil.hexDump(buf));
            XdrDecoder in = new XdrDecoder(buf);
            assertArrayEquals(new byte[0], in.readOpaqueBytes(0));
            assertEquals("", in.readString(0));
        } finally {
            buf.release();
        }
    }
}

package io.manticore.protocol.oncrpc.internal.xdr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.HexFormat;
import java.util.function.Consumer;

import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.Rule;
import org.junit.Test;

public class XdrHostileInputTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static void assertGarbage(String hex, Consumer<XdrDecoder> read) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(HexFormat.of().parseHex(hex));
        try {
            read.accept(new XdrDecoder(buf));
            fail("expected an XdrException");
        } catch (XdrException expected) {
            assertEquals("the buffer is not retained by a failed read", 1, buf.refCnt());
        } finally {
            buf.release();
        }
    }

    @Test
    public void opaqueLengthAllOnesIsRejected() {
        assertGarbage("ffffffff00000000", d -> d.readOpaqueSlice(Integer.MAX_VALUE));
        assertGarbage("ffffffff00000000", d -> d.readOpaqueBytes(Integer.MAX_VALUE));
        assertGarbage("ffffffff00000000", d -> d.readString(Integer.MAX_VALUE));
    }

    @Test
    public void opaqueLongerThanTheDataLeftIsRejected() {
        assertGarbage("0000000801020304", d -> d.readOpaqueSlice(64));
        assertGarbage("0000000801020304", d -> d.readOpaqueBytes(64));
        assertGarbage("0102", d -> d.readFixedOpaqueBytes(4));
    }

    @Test
    public void opaqueWhosePaddingIsMissingIsRejected() {
        assertGarbage("000000030102" + "03", d -> d.readOpaqueBytes(8));
    }

    @Test
    public void opaqueOverTheCallersMaximumIsRejected() {
        assertGarbage("0000000501020304" + "05000000", d -> d.readOpaqueSlice(4));
    }

    @Test
    public void stringLongerThanMaxIsRejected() {
        assertGarbage("00000004" + "61626364", d -> d.readString(3));
    }

    @Test
    public void nonZeroPaddingIsRejectedAndTheSliceReleased() {
        assertGarbage("00000001" + "61000001", d -> d.readOpaqueSlice(4));
        assertGarbage("00000001" + "61010000", d -> d.readString(4));
        assertGarbage("61000100", d -> d.readFixedOpaqueBytes(1));
    }

    @Test
    public void hugeArrayCountIsRejectedBeforeAllocating() {
        assertGarbage("7fffffff00000001", d -> d.readIntArray(Integer.MAX_VALUE));
        assertGarbage("7fffffff00000001", d -> d.readArray(Integer.MAX_VALUE, XdrDecoder::readInt));
        assertGarbage("ffffffff00000001", d -> d.readArrayCount(Integer.MAX_VALUE));
    }

    @Test
    public void arrayCountOverTheCallersMaximumIsRejected() {
        assertGarbage("00000003000000010000000200000003", d -> d.readIntArray(2));
    }

    @Test
    public void truncatedBufferIsRejectedForEveryType() {
        assertGarbage("000000", XdrDecoder::readInt);
        assertGarbage("000000", XdrDecoder::readUnsignedInt);
        assertGarbage("00000000000000", XdrDecoder::readHyper);
        assertGarbage("00000000000000", XdrDecoder::readUnsignedHyper);
        assertGarbage("", XdrDecoder::readBool);
        assertGarbage("00", XdrDecoder::readEnum);
        assertGarbage("000000", d -> d.readString(8));
        assertGarbage("0000000200000001", d -> d.readIntArray(4));
    }

    @Test
    public void boolOtherThanZeroOrOneIsRejected() {
        assertGarbage("00000002", XdrDecoder::readBool);
    }

    @Test
    public void undefinedEnumValueIsRejected() {
        assertGarbage("00000009", d -> d.readEnum(v -> v < 3 ? v : null));
    }
}

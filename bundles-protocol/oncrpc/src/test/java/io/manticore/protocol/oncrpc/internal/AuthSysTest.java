package io.manticore.protocol.oncrpc.internal;

import static org.junit.Assert.assertEquals;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.Rule;
import org.junit.Test;

public class AuthSysTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    @Test
    public void encodesAuthsysParmsAndDecodesThemBack() {
        AuthSys sys = new AuthSys(0x1234, "box", 1000, 100, new int[] {4, 24});
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            sys.encode(new XdrEncoder(buf));
            assertEquals("00001234" + "00000003626f7800" + "000003e8" + "00000064" + "00000002" + "00000004" + "00000018",
                    ByteBufUtil.hexDump(buf));
            assertEquals(sys, AuthSys.decode(new XdrDecoder(buf)));
        } finally {
            buf.release();
        }
    }

    @Test(expected = XdrException.class)
    public void machineNameOver255BytesIsRejected() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            new AuthSys(1, "m".repeat(256), 0, 0, new int[0]).encode(new XdrEncoder(buf));
            AuthSys.decode(new XdrDecoder(buf));
        } finally {
            buf.release();
        }
    }
}

package io.manticore.testkit;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.Test;

public class LeakCheckTest {

    @Test
    public void anUnreleasedBufferFailsTheCheck() {
        leakOne();
        try {
            LeakCheck.assertNoLeaks();
            fail("the leak was not detected");
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("leak"));
        }
    }

    @Test
    public void releasedBuffersPassTheCheck() {
        ByteBuf buf = UnpooledByteBufAllocator.DEFAULT.directBuffer(64);
        buf.writeLong(1);
        buf.release();
        LeakCheck.assertNoLeaks();
    }

    private static void leakOne() {
        ByteBuf buf = UnpooledByteBufAllocator.DEFAULT.directBuffer(64);
        buf.writeLong(42);
    }
}

package io.manticore.core.internal.vfs;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.vfs.MountState;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

public class StateReleaserTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    @Test
    public void aBufferSharedByTwoFilesIsReleasedOncePerOccurrence() {
        ByteBuf shared = PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(7);
        shared.retain(); // the second file's reference
        ByteBuf own = PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(8);
        Object payload = Map.of("a", List.of(shared, own), "b", new Object[] {shared});
        StateReleaser.release(new MountState("memfs", 1, payload));
        assertEquals(0, shared.refCnt());
        assertEquals(0, own.refCnt());
    }
}

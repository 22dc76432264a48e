package io.manticore.testkit;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * A JUnit rule that fails a test when a Netty buffer it allocated was garbage collected
 * without being released. Use it as {@code @Rule public final LeakCheck leaks = new LeakCheck();}
 * (or as a {@code @ClassRule} for a whole class). Leak detection runs at PARANOID.
 */
public final class LeakCheck implements TestRule {

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Override
    public Statement apply(Statement base, Description description) {
        return new Statement() {
            @Override
            public void evaluate() throws Throwable {
                if (!RecordingLeakDetector.installed()) {
                    throw new AssertionError("run with -Dio.netty.customResourceLeakDetector="
                            + RecordingLeakDetector.class.getName() + " (the parent pom sets it)");
                }
                RecordingLeakDetector.drain();
                base.evaluate();
                assertNoLeaks();
            }
        };
    }

    /** Collects garbage, lets Netty report what was lost, and fails if anything leaked. */
    public static void assertNoLeaks() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            System.runFinalization();
            try {
                Thread.sleep(20); // the reference queue is filled by the GC thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // Netty reports queued leaks when the next buffer of the same kind is tracked.
            for (int i = 0; i < 8; i++) {
                release(UnpooledByteBufAllocator.DEFAULT.directBuffer(8));
                release(UnpooledByteBufAllocator.DEFAULT.heapBuffer(8));
                release(PooledByteBufAllocator.DEFAULT.directBuffer(8));
                release(PooledByteBufAllocator.DEFAULT.heapBuffer(8));
            }
        }
        List<String> leaks = RecordingLeakDetector.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " buffer leak(s):\n" + String.join("\n", leaks));
        }
    }

    private static void release(ByteBuf buf) {
        buf.release();
    }
}

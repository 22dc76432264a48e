package io.manticore.testkit;

import java.util.ArrayList;
import java.util.List;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty's leak detector, recording every leak it reports so that {@link LeakCheck} can fail
 * the test. Netty instantiates it when the JVM runs with
 * {@code -Dio.netty.customResourceLeakDetector=io.manticore.testkit.RecordingLeakDetector}
 * (the parent pom's surefire and failsafe settings).
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    private static final List<String> LEAKS = new ArrayList<>();

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval);
    }

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        add("LEAK: " + resourceType + " was released by nobody" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        add("LEAK: " + resourceType + " was released by nobody (untraced)");
    }

    static boolean installed() {
        return RecordingLeakDetector.class.getName().equals(System.getProperty("io.netty.customResourceLeakDetector"));
    }

    private static void add(String leak) {
        synchronized (LEAKS) {
            LEAKS.add(leak);
        }
    }

    /** The leaks reported since the last call, removing them. */
    static List<String> drain() {
        synchronized (LEAKS) {
            List<String> copy = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }
}

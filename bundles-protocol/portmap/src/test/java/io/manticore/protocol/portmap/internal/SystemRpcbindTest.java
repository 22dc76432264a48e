package io.manticore.protocol.portmap.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.config.ServerSettings;
import io.manticore.api.config.ShellConfig;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.runtime.Scheduler;
import io.manticore.testkit.LeakCheck;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.osgi.framework.Constants;

/** Registration with the host's rpcbind, driven against a fake one on a loopback port. */
public class SystemRpcbindTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final List<String> NFS_AND_MOUNT = List.of("SET 100003 3 6 2049", "SET 100005 1 6 20048",
            "SET 100005 2 6 20048", "SET 100005 3 6 20048");

    private final List<ListenerInfo> listeners = new CopyOnWriteArrayList<>();
    private final RpcProgramDirectory directory = new RpcProgramDirectory(() -> List.copyOf(listeners));
    private final CapturingScheduler scheduler = new CapturingScheduler();
    private EventLoopGroup rpcbindLoop;
    private FakeRpcbind rpcbind;
    private SystemRpcbind registration;
    private boolean deactivated;
    private long nextServiceId = 1;

    /** Keeps the timer task instead of running it, so that each test decides when passes run. */
    private static final class CapturingScheduler implements Scheduler {
        private final ScheduledExecutorService never = Executors.newSingleThreadScheduledExecutor();
        volatile Runnable task;
        volatile long periodMillis;

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
            this.task = task;
            this.periodMillis = unit.toMillis(period);
            return never.schedule(() -> { }, 1, TimeUnit.DAYS);
        }
    }

    @Before
    public void start() throws Exception {
        rpcbindLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        rpcbind = new FakeRpcbind(rpcbindLoop);
        registration = new SystemRpcbind(directory, scheduler, rpcbind.port());
        declare("portmap", "100000:2", "100000:3", "100000:4");
        declare("nfs3", "100003:3");
        declare("mount", "100005:1", "100005:2", "100005:3");
        bound("nfs3", "0.0.0.0", 2049);
        bound("mount", "0.0.0.0", 20048);
    }

    @After
    public void stop() throws Exception {
        if (!deactivated) {
            registration.deactivate();
        }
        rpcbind.close();
        rpcbindLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        scheduler.never.shutdownNow();
    }

    private void declare(String protocol, String... programs) {
        directory.addProtocol(Map.of(Constants.SERVICE_ID, nextServiceId++, ProtocolHandler.PROTOCOL_PROPERTY, protocol,
                ProtocolHandler.RPC_PROGRAMS_PROPERTY, programs));
    }

    private void bound(String protocol, String address, int port) {
        listeners.add(new ListenerInfo(protocol, "tcp", address, port, "BOUND", port, 0, ""));
    }

    private static ServerConfig config(boolean rpcbindRegister) {
        return new ServerConfig(new ServerSettings(0, 16, 30_000, 10_000, 65_536, 65_536, 4_096, 30_000, rpcbindRegister, 90),
                List.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of(),
                S3Settings.DEFAULTS, new ShellConfig(false, "127.0.0.1", 0));
    }

    /** Applies the option and waits for a pass that began after it. */
    private void turn(boolean on) throws Exception {
        registration.configApplied(config(on));
        pass();
    }

    private void pass() throws Exception {
        registration.reconcile().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The SETs and UNSETs the fake received since {@code from}. */
    private List<String> changesSince(int from) {
        return List.copyOf(rpcbind.changes.subList(from, rpcbind.changes.size()));
    }

    @Test
    public void eachProgramVersionOfABoundListenerIsSetOnceOverTcp() throws Exception {
        turn(true);
        assertEquals(NFS_AND_MOUNT, rpcbind.changes);
        assertEquals(List.of("100003 3 6 2049", "100005 1 6 20048", "100005 2 6 20048", "100005 3 6 20048"), rpcbind.table());
        pass();
        pass();
        assertEquals("nothing more once in step", NFS_AND_MOUNT, rpcbind.changes);
    }

    @Test
    public void whileTheOptionIsOffTheRpcbindIsNotEvenCalled() throws Exception {
        pass();
        turn(false);
        assertEquals(0, rpcbind.calls.get());
        assertEquals(List.of(), rpcbind.table());
    }

    @Test
    public void listenersNotBoundOrIpv6OnlyAreLeftOutAndADualStackOneCounts() throws Exception {
        listeners.clear();
        listeners.add(new ListenerInfo("nfs3", "tcp", "0.0.0.0", 2049, "FAILED", -1, 0, "address in use"));
        listeners.add(new ListenerInfo("mount", "tcp", "0.0.0.0", 20048, "WAITING", -1, 0, "no transport"));
        bound("mount", "::1", 20049);
        declare("nlm", "100021:4");
        bound("nlm", "::", 32803);
        turn(true);
        assertEquals(List.of("SET 100021 4 6 32803"), rpcbind.changes);
    }

    @Test
    public void theFirstListenerOfAProgramVersionIsTheOneRegistered() throws Exception {
        bound("nfs3", "127.0.0.1", 2050);
        turn(true);
        assertEquals(NFS_AND_MOUNT, rpcbind.changes);
    }

    @Test
    public void portmapItselfIsNeverRegistered() throws Exception {
        bound("portmap", "0.0.0.0", 111);
        bound("portmap", "0.0.0.0", rpcbind.port());
        turn(true);
        assertEquals(NFS_AND_MOUNT, rpcbind.changes);
    }

    @Test
    public void aListenerThatGoesAwayIsUnset() throws Exception {
        turn(true);
        int before = rpcbind.changes.size();
        listeners.removeIf(l -> l.protocol().equals("mount"));
        pass();
        assertEquals(List.of("UNSET 100005 1", "UNSET 100005 2", "UNSET 100005 3"), changesSince(before));
        assertEquals(List.of("100003 3 6 2049"), rpcbind.table());
    }

    @Test
    public void aProtocolThatGoesAwayIsUnset() throws Exception {
        turn(true);
        int before = rpcbind.changes.size();
        directory.removeProtocol(Map.of(Constants.SERVICE_ID, 2L));
        pass();
        assertEquals(List.of("UNSET 100003 3"), changesSince(before));
    }

    @Test
    public void aListenerBoundOnAnotherPortMovesItsMappings() throws Exception {
        turn(true);
        int before = rpcbind.changes.size();
        listeners.set(0, new ListenerInfo("nfs3", "tcp", "0.0.0.0", 0, "BOUND", 40123, 0, ""));
        pass();
        assertEquals(List.of("UNSET 100003 3", "SET 100003 3 6 40123"), changesSince(before));
        assertEquals(List.of("100005 1 6 20048", "100005 2 6 20048", "100005 3 6 20048", "100003 3 6 40123"), rpcbind.table());
    }

    @Test
    public void turningTheOptionOffUnsetsEverythingItSet() throws Exception {
        rpcbind.map(100099, 1, 6, 4000);
        turn(true);
        int before = rpcbind.changes.size();
        turn(false);
        assertEquals(List.of("UNSET 100003 3", "UNSET 100005 1", "UNSET 100005 2", "UNSET 100005 3"), changesSince(before));
        assertEquals("another server's mapping stays", List.of("100099 1 6 4000"), rpcbind.table());
        int calls = rpcbind.calls.get();
        pass();
        assertEquals("off again: no more calls", calls, rpcbind.calls.get());
    }

    @Test
    public void setsThatFailedWhileTheRpcbindWasDownAreMadeWhenItIsBack() throws Exception {
        rpcbind.stop();
        turn(true);
        pass();
        assertEquals(List.of(), rpcbind.changes);
        rpcbind.start();
        pass();
        assertEquals(NFS_AND_MOUNT, rpcbind.changes);
    }

    @Test
    public void anRpcbindThatRestartedWithAnEmptyTableGetsEverythingAgain() throws Exception {
        turn(true);
        rpcbind.stop();
        rpcbind.start();
        int before = rpcbind.changes.size();
        pass();
        assertEquals(NFS_AND_MOUNT, changesSince(before));
    }

    @Test
    public void aRefusedSetIsTriedAgainAtEveryPassUntilTaken() throws Exception {
        rpcbind.refuseSets = true;
        turn(true);
        int before = rpcbind.changes.size();
        pass();
        assertEquals(NFS_AND_MOUNT, changesSince(before));
        assertEquals(List.of(), rpcbind.table());
        rpcbind.refuseSets = false;
        before = rpcbind.changes.size();
        pass();
        pass();
        assertEquals(NFS_AND_MOUNT, changesSince(before));
    }

    @Test
    public void aStaleMappingOfAProgramVersionIsUnsetBeforeItsSet() throws Exception {
        rpcbind.map(100003, 3, 17, 2049);
        rpcbind.map(100003, 3, 6, 999);
        turn(true);
        assertEquals(List.of("UNSET 100003 3", "SET 100003 3 6 2049", "SET 100005 1 6 20048", "SET 100005 2 6 20048",
                "SET 100005 3 6 20048"), rpcbind.changes);
    }

    @Test
    public void aMappingAlreadyInTheTableIsKeptAndUnsetLikeItsOwn() throws Exception {
        rpcbind.map(100003, 3, 6, 2049);
        turn(true);
        assertEquals(NFS_AND_MOUNT.subList(1, 4), rpcbind.changes);
        int before = rpcbind.changes.size();
        turn(false);
        assertEquals(List.of("UNSET 100003 3", "UNSET 100005 1", "UNSET 100005 2", "UNSET 100005 3"), changesSince(before));
    }

    @Test
    public void deactivatingUnsetsEverythingItSetBeforeItReturns() throws Exception {
        rpcbind.map(100099, 1, 6, 4000);
        turn(true);
        int before = rpcbind.changes.size();
        registration.deactivate();
        deactivated = true;
        assertEquals(List.of("UNSET 100003 3", "UNSET 100005 1", "UNSET 100005 2", "UNSET 100005 3"), changesSince(before));
        assertEquals(List.of("100099 1 6 4000"), rpcbind.table());
    }

    @Test
    public void deactivatingWithTheRpcbindDownReturnsWithinItsTimeout() throws Exception {
        turn(true);
        rpcbind.stop();
        long start = System.nanoTime();
        registration.deactivate();
        deactivated = true;
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("returned within the stop timeout: " + millis + " ms", millis < SystemRpcbind.STOP_TIMEOUT.toMillis());
        assertEquals(NFS_AND_MOUNT, rpcbind.changes);
    }

    @Test
    public void theTimerAndEachConfigurationAppliedStartAPass() throws Exception {
        assertEquals(SystemRpcbind.PERIOD_MILLIS, scheduler.periodMillis);
        assertNotNull(scheduler.task);
        registration.configApplied(config(true));
        awaitChanges(NFS_AND_MOUNT.size());
        listeners.removeIf(l -> l.protocol().equals("nfs3"));
        scheduler.task.run();
        awaitChanges(NFS_AND_MOUNT.size() + 1);
        assertEquals("UNSET 100003 3", rpcbind.changes.getLast());
    }

    /** Waits until the fake has received {@code count} changes; the passes run on their own thread. */
    private void awaitChanges(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rpcbind.changes.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, rpcbind.changes.size());
    }
}

package io.manticore.core.internal.vfs;

import static io.manticore.core.internal.vfs.VfsFixture.ALICE;
import static io.manticore.core.internal.vfs.VfsFixture.ROOT;
import static io.manticore.core.internal.vfs.VfsFixture.buffer;
import static io.manticore.core.internal.vfs.VfsFixture.bytes;
import static io.manticore.core.internal.vfs.VfsFixture.error;
import static io.manticore.core.internal.vfs.VfsFixture.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.manticore.api.admin.MountInfo;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsModule;
import io.manticore.api.vfs.VfsMount;
import io.manticore.api.vfs.WriteResult;
import io.manticore.testkit.LeakCheck;
import io.manticore.vfs.memfs.internal.MemfsModule;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/** Calls to a mount whose module is away: they wait, bounded in number and time, and resume on its return. */
public class SuspensionTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private VfsFixture fx;

    @After
    public void close() {
        fx.close();
    }

    private FileHandle start(long suspendTimeoutMillis, int maxSuspendedCalls, VfsModule module) {
        fx = new VfsFixture(VfsFixture.settings(4, suspendTimeoutMillis, maxSuspendedCalls));
        fx.bind(module);
        fx.mount("mem", VfsFixture.memfs(module.name()));
        FileHandle root = fx.root("mem");
        join(fx.vfs.setattr(ROOT, root, SetAttrs.mode(0777), Guard.NONE));
        return root;
    }

    private MountInfo mountInfo() {
        return fx.core.mounts().get(0);
    }

    @Test
    public void callsMadeWhileSuspendedWaitAndCompleteWhenTheModuleReturns() {
        MemfsModule memfs = new MemfsModule();
        FileHandle root = start(10_000, 64, memfs);
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("hello"));
        fx.unbind(memfs);
        assertEquals("SUSPENDED", mountInfo().state());

        CompletableFuture<ReadResult> read = fx.vfs.read(ALICE, fh, 0, 5).toCompletableFuture();
        CompletableFuture<Attrs> getattr = fx.vfs.getattr(ALICE, fh, AttrMask.ALL).toCompletableFuture();
        CompletableFuture<WriteResult> write = fx.vfs.write(ALICE, fh, 5, buffer(bytes("!")), Stability.FILE_SYNC)
                .toCompletableFuture();
        assertFalse(read.isDone() || getattr.isDone() || write.isDone());
        assertEquals(3, mountInfo().waiting());

        fx.bind(new MemfsModule());
        ReadResult result = join(read);
        try {
            assertArrayEquals(bytes("hello"), ByteBufUtil.getBytes(result.data()));
        } finally {
            result.data().release();
        }
        assertEquals(5, join(getattr).size());
        assertEquals(1, join(write).count());
        assertArrayEquals(bytes("hello!"), fx.read(ALICE, fh, 10));
        assertEquals("ACTIVE", mountInfo().state());
        assertEquals(0, mountInfo().waiting());
    }

    @Test
    public void callsBeyondTheLimitFailDelayAtOnce() {
        MemfsModule memfs = new MemfsModule();
        FileHandle root = start(10_000, 2, memfs);
        fx.unbind(memfs);
        CompletableFuture<Attrs> first = fx.vfs.getattr(ALICE, root, AttrMask.ALL).toCompletableFuture();
        CompletableFuture<Attrs> second = fx.vfs.getattr(ALICE, root, AttrMask.ALL).toCompletableFuture();
        CompletableFuture<Attrs> third = fx.vfs.getattr(ALICE, root, AttrMask.ALL).toCompletableFuture();
        assertTrue(third.isDone());
        assertEquals(VfsError.DELAY, error(third));
        ByteBuf refused = buffer(bytes("data"));
        assertEquals(VfsError.DELAY, error(fx.vfs.write(ALICE, root, 0, refused, Stability.UNSTABLE)));
        assertEquals(0, refused.refCnt());
        assertFalse(first.isDone() || second.isDone());
        fx.bind(new MemfsModule());
        assertTrue(join(first).isDirectory());
        assertTrue(join(second).isDirectory());
    }

    @Test
    public void aCallWaitingLongerThanTheTimeoutFailsDelay() {
        MemfsModule memfs = new MemfsModule();
        FileHandle root = start(100, 64, memfs);
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("x"));
        fx.unbind(memfs);
        long start = System.nanoTime();
        ByteBuf data = buffer(bytes("late"));
        CompletionStage<WriteResult> write = fx.vfs.write(ALICE, fh, 0, data, Stability.UNSTABLE);
        assertEquals(VfsError.DELAY, error(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)));
        assertEquals(VfsError.DELAY, error(write));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
        assertEquals(0, data.refCnt());
        assertEquals(0, mountInfo().waiting());
        fx.bind(new MemfsModule());
        assertArrayEquals(bytes("x"), fx.read(ALICE, fh, 1));
    }

    @Test
    public void aWriteCoreFailsBeforeTheBackendReleasesItsBuffer() {
        FileHandle root = start(10_000, 64, new MemfsModule());
        FileHandle stray = FileHandle.of(MountId.forName("gone"), new byte[] {1});
        ByteBuf stale = buffer(bytes("stale"));
        assertEquals(VfsError.STALE, error(fx.vfs.write(ALICE, stray, 0, stale, Stability.UNSTABLE)));
        assertEquals(0, stale.refCnt());
        ByteBuf onDirectory = buffer(bytes("dir"));
        assertTrue(Set.of(VfsError.ISDIR, VfsError.INVAL, VfsError.BADTYPE)
                .contains(error(fx.vfs.write(ROOT, root, 0, onDirectory, Stability.UNSTABLE))));
        assertEquals(0, onDirectory.refCnt());
    }

    @Test
    public void suspensionWaitsForTheCallsInFlight() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AtomicBoolean armed = new AtomicBoolean();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        ForwardingMount.Hook holdGetattr = new ForwardingMount.Hook() {
            @Override
            public <T> CompletionStage<T> around(String operation, FileHandle fh, Supplier<CompletionStage<T>> call) {
                if (operation.equals("getattr") && armed.get() && !gate.isDone()) {
                    return gate.thenCompose(v -> {
                        events.add("getattr");
                        return call.get();
                    });
                }
                return call.get();
            }
        };
        TestModule module = new TestModule("held", Set.of(), (mount, caps) -> new ForwardingMount(mount, caps, holdGetattr) {
            @Override
            public MountState detach() {
                events.add("detach");
                return super.detach();
            }
        });
        FileHandle root = start(10_000, 64, module);
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("in flight"));
        fx.core.clearCaches();
        armed.set(true);
        CompletableFuture<Attrs> getattr = fx.vfs.getattr(ALICE, fh, AttrMask.ALL).toCompletableFuture();
        Thread unbinding = new Thread(() -> fx.unbind(module), "unbinding");
        unbinding.start();
        unbinding.join(300);
        assertTrue("the unbind waits for the call in flight", unbinding.isAlive());
        assertEquals("SUSPENDED", mountInfo().state());
        gate.complete(null);
        unbinding.join(5000);
        assertFalse(unbinding.isAlive());
        assertEquals(9, join(getattr).size());
        assertEquals(List.of("getattr", "detach"), events);
        fx.bind(new TestModule("held"));
        assertArrayEquals(bytes("in flight"), fx.read(ALICE, fh, 9));
    }

    @Test
    public void aMountWaitsForItsModuleToArrive() {
        fx = new VfsFixture();
        fx.mount("later", VfsFixture.memfs("laterfs"));
        assertEquals("SUSPENDED", mountInfo().state());
        assertTrue(mountInfo().detail(), mountInfo().detail().contains("laterfs"));
        try {
            fx.root("later");
            fail("no root before the first mount");
        } catch (VfsException e) {
            assertEquals(VfsError.DELAY, e.error());
        }
        fx.bind(new TestModule("laterfs"));
        assertEquals("ACTIVE", mountInfo().state());
        assertEquals("laterfs", mountInfo().module());
        assertTrue(join(fx.vfs.getattr(ROOT, fx.root("later"), AttrMask.ALL)).isDirectory());
    }

    @Test
    public void aModuleThatRefusesTheMountFailsItAndTheCallsWaitingForIt() {
        MemfsModule memfs = new MemfsModule();
        FileHandle root = start(10_000, 64, memfs);
        FileHandle fh = fx.createFile(ALICE, root, "kept", bytes("kept"));
        fx.unbind(memfs);
        CompletableFuture<Attrs> waiting = fx.vfs.getattr(ALICE, root, AttrMask.ALL).toCompletableFuture();
        fx.bind(new VfsModule() {
            @Override
            public String name() {
                return "memfs";
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public VfsMount mount(MountSpec spec, MountState previous) {
                throw new IllegalArgumentException("option size: refused on purpose");
            }
        });
        assertEquals(VfsError.IO, error(waiting));
        assertEquals("FAILED", mountInfo().state());
        assertTrue(mountInfo().detail(), mountInfo().detail().contains("refused on purpose"));
        assertEquals(VfsError.IO, error(fx.vfs.getattr(ALICE, root, AttrMask.ALL)));
        // The next module of that name tries again, with the state the refusing one left alone.
        fx.bind(new MemfsModule());
        assertEquals("ACTIVE", mountInfo().state());
        assertArrayEquals(bytes("kept"), fx.read(ALICE, fh, 4));
    }

    @Test
    public void callsWaitingForARemovedMountFailStale() {
        MemfsModule memfs = new MemfsModule();
        FileHandle root = start(10_000, 64, memfs);
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("x"));
        fx.unbind(memfs);
        CompletableFuture<Attrs> waiting = fx.vfs.getattr(ALICE, fh, AttrMask.ALL).toCompletableFuture();
        fx.unmountConfigured("mem");
        assertEquals(VfsError.STALE, error(waiting));
        assertEquals(VfsError.STALE, error(fx.vfs.getattr(ALICE, fh, AttrMask.ALL)));
        assertTrue(fx.core.mounts().isEmpty());
    }
}

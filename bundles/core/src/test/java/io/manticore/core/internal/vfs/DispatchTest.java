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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.WriteResult;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/** Where backend calls run: inline for asynchronous modules, on the delegation pool for blocking ones. */
public class DispatchTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final VfsFixture fx = new VfsFixture();

    @After
    public void close() {
        fx.close();
    }

    private FileHandle mount(ForwardingMount.Hook hook, Set<Capability> extra) {
        fx.bind(new TestModule("testfs", extra, hook));
        fx.mount("t", VfsFixture.memfs("testfs"));
        FileHandle root = fx.root("t");
        join(fx.vfs.setattr(ROOT, root, SetAttrs.mode(0777), Guard.NONE));
        return root;
    }

    @Test
    public void aBlockingModuleIsCalledOnDelegationThreads() {
        RecordingHook hook = new RecordingHook();
        FileHandle root = mount(hook, Set.of(Capability.BLOCKING));
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("abc"));
        assertArrayEquals(bytes("abc"), fx.read(ALICE, fh, 3));
        assertFalse(hook.threads.isEmpty());
        for (String thread : hook.threads) {
            assertTrue(thread, thread.startsWith("manticore-delegate-"));
        }
        assertTrue(fx.vfs.capabilities(fh).contains(Capability.BLOCKING));
    }

    @Test
    public void anAsynchronousModuleIsCalledOnTheCallersThread() {
        RecordingHook hook = new RecordingHook();
        FileHandle root = mount(hook, Set.of());
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("abc"));
        assertArrayEquals(bytes("abc"), fx.read(ALICE, fh, 3));
        assertFalse(hook.threads.isEmpty());
        for (String thread : hook.threads) {
            assertEquals(Thread.currentThread().getName(), thread);
        }
    }

    @Test
    public void aBlockingCallCompletesOnItsDelegationThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ForwardingMount.Hook holdStatfs = new ForwardingMount.Hook() {
            @Override
            public <T> CompletionStage<T> around(String operation, FileHandle fh, Supplier<CompletionStage<T>> call) {
                if (operation.equals("statfs")) {
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return call.get();
            }
        };
        FileHandle root = mount(holdStatfs, Set.of(Capability.BLOCKING));
        CompletableFuture<String> completedOn = fx.vfs.statfs(ALICE, root)
                .thenApply(stat -> Thread.currentThread().getName()).toCompletableFuture();
        release.countDown();
        String thread = completedOn.get(5, TimeUnit.SECONDS);
        assertEquals("manticore-delegate-" + Math.floorMod(root.hashCode(), 4), thread);
    }

    @Test
    public void callsOnOneFileReachABlockingBackendInTheOrderTheyWereMade() {
        List<Long> offsets = Collections.synchronizedList(new ArrayList<>());
        fx.bind(new TestModule("testfs", Set.of(Capability.BLOCKING), (mount, caps) ->
                new ForwardingMount(mount, caps, ForwardingMount.PASS) {
                    @Override
                    public CompletionStage<WriteResult> write(Cred cred, OpenFile file, long offset, ByteBuf data,
                                                              Stability stability) {
                        offsets.add(offset);
                        return super.write(cred, file, offset, data, stability);
                    }
                }));
        fx.mount("t", VfsFixture.memfs("testfs"));
        FileHandle root = fx.root("t");
        join(fx.vfs.setattr(ROOT, root, SetAttrs.mode(0777), Guard.NONE));
        FileHandle fh = fx.createFile(ALICE, root, "f", new byte[0]);
        fx.core.clearCaches();
        List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
        List<Long> inOrder = new ArrayList<>();
        byte[] expected = new byte[200];
        for (int i = 0; i < 200; i++) {
            expected[i] = (byte) i;
            inOrder.add((long) i);
            writes.add(fx.vfs.write(ALICE, fh, i, buffer(new byte[] {(byte) i}), Stability.UNSTABLE).toCompletableFuture());
            if (i % 50 == 0) {
                fx.core.clearCaches();
            }
        }
        writes.forEach(VfsFixture::join);
        assertEquals(inOrder, offsets);
        assertArrayEquals(expected, fx.read(ALICE, fh, 200));
    }

    @Test
    public void aBackendThatThrowsFailsTheStageInstead() {
        ForwardingMount.Hook throwing = new ForwardingMount.Hook() {
            @Override
            public <T> CompletionStage<T> around(String operation, FileHandle fh, Supplier<CompletionStage<T>> call) {
                switch (operation) {
                    case "statfs" -> throw new IllegalStateException("backend bug on purpose");
                    case "readlink" -> throw new VfsException(VfsError.NOSPC, "thrown, not returned");
                    case "listXattrs" -> {
                        return CompletableFuture.failedFuture(new ArithmeticException("failed stage on purpose"));
                    }
                    default -> {
                        return call.get();
                    }
                }
            }
        };
        FileHandle root = mount(throwing, Set.of());
        assertEquals(VfsError.SERVERFAULT, error(fx.vfs.statfs(ALICE, root)));
        assertEquals(VfsError.NOSPC, error(fx.vfs.readlink(ALICE, root)));
        assertEquals(VfsError.SERVERFAULT, error(fx.vfs.listXattrs(ALICE, root)));
        assertEquals(3, join(fx.vfs.getattr(ALICE, fx.createFile(ALICE, root, "f", bytes("abc")), AttrMask.ALL)).size());
    }

    @Test
    public void aBlockingBackendThatThrowsFailsTheStageToo() {
        ForwardingMount.Hook throwing = new ForwardingMount.Hook() {
            @Override
            public <T> CompletionStage<T> around(String operation, FileHandle fh, Supplier<CompletionStage<T>> call) {
                if (operation.equals("statfs")) {
                    throw new IllegalStateException("backend bug on purpose");
                }
                return call.get();
            }
        };
        FileHandle root = mount(throwing, Set.of(Capability.BLOCKING));
        assertEquals(VfsError.SERVERFAULT, error(fx.vfs.statfs(ALICE, root)));
    }

    @Test
    public void resizingTheDelegationPoolKeepsServing() {
        FileHandle root = mount(new RecordingHook(), Set.of(Capability.BLOCKING));
        FileHandle fh = fx.createFile(ALICE, root, "f", bytes("abc"));
        fx.applySettings(VfsFixture.settings(2, 2000, 64));
        assertArrayEquals(bytes("abc"), fx.read(ALICE, fh, 3));
    }
}

package io.manticore.core.internal.vfs;

import static io.manticore.core.internal.vfs.VfsFixture.ALICE;
import static io.manticore.core.internal.vfs.VfsFixture.ROOT;
import static io.manticore.core.internal.vfs.VfsFixture.error;
import static io.manticore.core.internal.vfs.VfsFixture.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.manticore.api.admin.ModuleInfo;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.config.MountConfig;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.testkit.LeakCheck;
import io.manticore.vfs.memfs.internal.MemfsModule;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Mounts moving between module instances and modules with their state: every handle and byte survives. */
public class HandoverTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final VfsFixture fx = new VfsFixture();
    private final MemfsModule memfs = new MemfsModule();
    private final Map<FileHandle, byte[]> files = new LinkedHashMap<>();
    private FileHandle root;

    @Before
    public void mountAndFill() {
        fx.bind(memfs);
        fx.mount("mem", VfsFixture.memfs("memfs"));
        root = fx.root("mem");
        join(fx.vfs.setattr(ROOT, root, SetAttrs.mode(0777), Guard.NONE));
        Random random = new Random(7);
        FileHandle dir = fx.mkdir(ALICE, root, "dir", 0755);
        for (int i = 0; i < 5; i++) {
            byte[] data = new byte[1 + random.nextInt(200_000)];
            random.nextBytes(data);
            files.put(fx.createFile(ALICE, i % 2 == 0 ? root : dir, "file" + i, data), data);
        }
    }

    @After
    public void close() {
        fx.close();
    }

    private void assertEveryFileIntact() {
        files.forEach((fh, data) -> assertArrayEquals(data, fx.read(ALICE, fh, data.length + 10)));
        FileHandle dir = join(fx.vfs.lookup(ALICE, root, "dir", AttrMask.ALL)).fh();
        assertEquals(files.keySet().stream().toList().get(1), join(fx.vfs.lookup(ALICE, dir, "file1", AttrMask.ALL)).fh());
        assertEquals(root, fx.root("mem"));
    }

    private MountInfo mountInfo() {
        return fx.core.mounts().get(0);
    }

    @Test
    public void aNewInstanceOfTheModuleAdoptsEveryFile() {
        fx.unbind(memfs);
        assertEquals("SUSPENDED", mountInfo().state());
        fx.bind(new MemfsModule());
        assertEquals("ACTIVE", mountInfo().state());
        assertEveryFileIntact();
        assertEquals(1, fx.core.modules().size());
        assertEquals(1, fx.core.modules().get(0).mounts());
    }

    @Test
    public void anotherInstanceOfTheSameNameTakesOverAtOnce() {
        MemfsModule second = new MemfsModule();
        fx.bind(second);
        fx.unbind(memfs);
        assertEquals("ACTIVE", mountInfo().state());
        assertEveryFileIntact();
        List<ModuleInfo> modules = fx.core.modules();
        assertEquals(1, modules.size());
        assertEquals(1, modules.get(0).mounts());
    }

    @Test
    public void openFilesAreClosedOnTheOldMountBeforeItDetaches() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        TestModule recording = new TestModule("recording", Set.of(), (mount, caps) ->
                new ForwardingMount(mount, caps, ForwardingMount.PASS) {
                    @Override
                    public CompletionStage<Void> close(OpenFile file) {
                        events.add("close");
                        return super.close(file);
                    }

                    @Override
                    public MountState detach() {
                        events.add("detach");
                        return super.detach();
                    }
                });
        fx.bind(recording);
        fx.core.swap("mem", "recording");
        files.keySet().forEach(fh -> fx.read(ALICE, fh, 1));
        fx.core.swap("mem", "memfs");
        List<String> expected = new ArrayList<>(Collections.nCopies(files.size(), "close"));
        expected.add("detach");
        assertEquals(expected, events);
        assertEveryFileIntact();
    }

    @Test
    public void swapMovesTheMountToAnotherModuleAndBack() {
        fx.bind(new TestModule("memfs-b"));
        MountInfo moved = fx.core.swap("mem", "memfs-b");
        assertEquals("memfs-b", moved.module());
        assertEquals("ACTIVE", moved.state());
        assertEveryFileIntact();
        assertEquals(0, module("memfs").mounts());
        assertEquals(1, module("memfs-b").mounts());
        assertEquals("test.bundle.memfs-b", module("memfs-b").bundle());

        assertEquals("memfs", fx.core.swap("mem", "memfs").module());
        assertEveryFileIntact();
        assertEquals(1, module("memfs").mounts());
    }

    @Test
    public void aRefusedSwapLeavesTheMountOnItsModuleWithItsData() {
        TestModule picky = new TestModule("picky").refusingState();
        fx.bind(picky);
        try {
            fx.core.swap("mem", "picky");
            fail("the swap should be refused");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("picky"));
            assertTrue(e.getMessage(), e.getMessage().contains("BADTYPE"));
        }
        assertEquals(1, picky.mountCalls());
        assertEquals("ACTIVE", mountInfo().state());
        assertEquals("memfs", mountInfo().module());
        assertEveryFileIntact();
    }

    @Test
    public void aModuleThatFailsAfterAdoptingTheStateGivesItBackForTheOldModule() {
        java.util.concurrent.atomic.AtomicBoolean gaveBack = new java.util.concurrent.atomic.AtomicBoolean();
        TestModule broken = new TestModule("broken", Set.of(), (mount, caps) -> new ForwardingMount(mount, caps, ForwardingMount.PASS) {
            @Override
            public FileHandle root() {
                throw new IllegalStateException("no root today");
            }

            @Override
            public io.manticore.api.vfs.MountState detach() {
                gaveBack.set(true);
                return super.detach();
            }
        });
        fx.bind(broken);
        try {
            fx.core.swap("mem", "broken");
            fail("the swap should fail");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no root today"));
        }
        assertTrue("the module that adopted the state gave it back", gaveBack.get());
        assertEquals("ACTIVE", mountInfo().state());
        assertEquals("memfs", mountInfo().module());
        assertEveryFileIntact();
    }

    @Test
    public void swapNamesAnExistingMountAndModule() {
        try {
            fx.core.swap("nothing", "memfs");
            fail("unknown mount");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("nothing"));
        }
        try {
            fx.core.swap("mem", "nothing");
            fail("unknown module");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("nothing"));
        }
        assertEveryFileIntact();
    }

    @Test
    public void aConfiguredModuleChangeMovesTheDataAlong() {
        fx.bind(new TestModule("memfs-b"));
        fx.mount("mem", VfsFixture.memfs("memfs-b"));
        assertEquals("memfs-b", mountInfo().module());
        assertEveryFileIntact();
    }

    @Test
    public void aConfiguredOptionChangeMountsAgain() {
        fx.mount("mem", new MountConfig("memfs", "/", Map.of("size", "32m")));
        assertEquals("ACTIVE", mountInfo().state());
        FileHandle newRoot = fx.root("mem");
        assertEquals(VfsError.NOENT, error(fx.vfs.lookup(ROOT, newRoot, "dir", AttrMask.ALL)));
    }

    @Test
    public void aRemovedMountAnswersStale() {
        fx.unmountConfigured("mem");
        for (FileHandle fh : files.keySet()) {
            assertEquals(VfsError.STALE, error(fx.vfs.read(ALICE, fh, 0, 1)));
        }
        try {
            fx.root("mem");
            fail("no such mount any more");
        } catch (VfsException e) {
            assertEquals(VfsError.NOENT, e.error());
        }
        assertTrue(fx.core.mounts().isEmpty());
    }

    @Test
    public void aMountRemovedWhileItsModuleIsAwayReleasesTheHandedOverState() {
        fx.unbind(memfs);
        fx.unmountConfigured("mem");
        assertTrue(fx.core.mounts().isEmpty());
    }

    private ModuleInfo module(String name) {
        return fx.core.modules().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}

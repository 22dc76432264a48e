package io.manticore.vfs.linux.internal;

import static io.manticore.vfs.linux.internal.HostMount.error;
import static io.manticore.vfs.linux.internal.HostMount.join;
import static io.manticore.vfs.linux.internal.HostMount.read;
import static io.manticore.vfs.linux.internal.HostMount.write;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FsStat;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsMount;
import io.manticore.api.vfs.Whence;
import io.manticore.api.vfs.XattrMode;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.PooledByteBufAllocator;

/** What the conformance suite cannot know of the linux backend: the host folder behind it and the kernel's handles. */
public class LinuxMountTest {

    private static final Cred USER = new Cred(1000, 1000, new int[0]);

    @Rule
    public final LeakCheck leaks = new LeakCheck();
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private Path folder;
    private VfsMount mount;
    private FileHandle root;

    @Before
    public void mountFolder() throws Exception {
        folder = tmp.newFolder("served").toPath();
        Files.setAttribute(folder, "unix:uid", 1000);
        Files.setAttribute(folder, "unix:gid", 1000);
        mount = HostMount.of(folder);
        root = mount.root();
    }

    @After
    public void unmount() {
        mount.unmount();
    }

    @Test
    public void handlesResolveInASecondMountOfTheSameFolderAsAfterARestart() throws Exception {
        FileHandle dir = join(mount.mkdir(USER, root, "d", SetAttrs.mode(0755))).fh();
        FileHandle file = write(mount, USER, dir, "f", new byte[] {1, 2, 3});
        mount.unmount();
        mount = HostMount.of(folder);
        assertEquals(root, mount.root());
        assertEquals(3, join(mount.getattr(USER, file, AttrMask.ALL)).size());
        assertEquals(file, join(mount.lookup(USER, dir, "f", AttrMask.ALL)).fh());
        assertArrayEquals(new byte[] {1, 2, 3}, read(mount, USER, file, 0, 10));
    }

    @Test
    public void theHandleOfARemovedFileIsStaleInThisMountAndTheNext() throws Exception {
        FileHandle file = write(mount, USER, root, "gone", new byte[] {1});
        join(mount.remove(USER, root, "gone"));
        assertEquals(VfsError.STALE, error(mount.getattr(USER, file, AttrMask.ALL)));
        assertEquals(VfsError.STALE, error(mount.open(USER, file, false)));
        mount.unmount();
        mount = HostMount.of(folder);
        assertEquals(VfsError.STALE, error(mount.getattr(USER, file, AttrMask.ALL)));
    }

    @Test
    public void aFileRemovedBehindTheServersBackIsStaleThoughItsDescriptorIsCached() throws Exception {
        FileHandle file = write(mount, USER, root, "f", new byte[] {1});
        assertEquals(1, join(mount.getattr(USER, file, AttrMask.ALL)).size());
        Files.delete(folder.resolve("f"));
        assertEquals(VfsError.STALE, error(mount.getattr(USER, file, AttrMask.ALL)));
        assertEquals(VfsError.STALE, error(mount.open(USER, file, true)));
    }

    @Test
    public void aMalformedHandleIsBadhandle() throws Exception {
        FileHandle tooShort = FileHandle.of(HostMount.MOUNT_ID, new byte[] {0, 0, 1});
        assertEquals(VfsError.BADHANDLE, error(mount.getattr(USER, tooShort, AttrMask.ALL)));
        byte[] wrongLength = root.fragment();
        FileHandle truncated = FileHandle.of(HostMount.MOUNT_ID, Arrays.copyOf(wrongLength, wrongLength.length - 1));
        assertEquals(VfsError.BADHANDLE, error(mount.getattr(USER, truncated, AttrMask.ALL)));
    }

    @Test
    public void theRootHandleIsTheKernelsEightByteHandleOfTypeOne() {
        byte[] fragment = root.fragment();
        assertEquals(4 + 8, fragment.length);
        assertEquals(1, ByteBuffer.wrap(fragment).getInt());
        assertEquals(HostMount.MOUNT_ID, root.mountId());
    }

    @Test
    public void aRelativePathIsTheServersHomesAndAMissingOrFileFolderFailsTheMount() throws Exception {
        LinuxModule module = new LinuxModule(tmp.getRoot().toPath(), Identity.forProcess());
        VfsMount relative = module.mount(new MountSpec("rel", MountId.forName("rel"), "served", Map.of()), null);
        try {
            assertArrayEquals(root.fragment(), relative.root().fragment());
        } finally {
            relative.unmount();
        }
        Files.createFile(tmp.getRoot().toPath().resolve("plain"));
        assertEquals(VfsError.NOENT, mountError(module, "missing"));
        assertEquals(VfsError.NOTDIR, mountError(module, "plain"));
    }

    @Test
    public void withoutTheCapabilityToOpenHandlesTheMountFailsSayingSo() throws Exception {
        Files.setAttribute(tmp.getRoot().toPath(), "unix:mode", 0755);
        LinuxModule module = new LinuxModule(Path.of("/"), Identity.forProcess());
        long before = descriptorsInto(folder);
        // A thread whose filesystem uid is not 0 has lost CAP_DAC_READ_SEARCH, as a server not run as root never had it.
        try (Identity.As unprivileged = Identity.forProcess().as(USER)) {
            module.mount(new MountSpec("data", HostMount.MOUNT_ID, folder.toString(), Map.of()), null).unmount();
            fail("mounted without CAP_DAC_READ_SEARCH");
        } catch (VfsException e) {
            assertEquals(e.getMessage(), VfsError.PERM, e.error());
            assertTrue(e.getMessage(), e.getMessage().contains("CAP_DAC_READ_SEARCH"));
        }
        assertEquals("the failed mount closed what it opened", before, descriptorsInto(folder));
    }

    private static VfsError mountError(LinuxModule module, String path) {
        try {
            module.mount(new MountSpec("bad", MountId.forName("bad"), path, Map.of()), null).unmount();
            throw new AssertionError("mounted " + path);
        } catch (VfsException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(path));
            return e.error();
        }
    }

    @Test
    public void bytesWrittenReadBackAndMatchTheHostFileByteForByte() throws Exception {
        byte[] content = new byte[1024 * 1024 + 1];
        new Random(9).nextBytes(content);
        FileHandle file = write(mount, USER, root, "big", content);
        assertArrayEquals(content, Files.readAllBytes(folder.resolve("big")));
        assertArrayEquals(content, read(mount, USER, file, 0, content.length));
        assertArrayEquals(new byte[] {content[content.length - 1]}, read(mount, USER, file, content.length - 1, 100));
        byte[] host = new byte[4096];
        new Random(10).nextBytes(host);
        Files.write(folder.resolve("big"), host);
        assertArrayEquals("a change made on the host is read at once", host, read(mount, USER, file, 0, content.length));
    }

    @Test
    public void xattrsAreTheHostFilesUserAttributes() throws Exception {
        FileHandle file = write(mount, USER, root, "x", new byte[0]);
        join(mount.setXattr(USER, file, "user.color", new byte[] {'b', 'l', 'u', 'e'}, XattrMode.CREATE));
        UserDefinedFileAttributeView view = Files.getFileAttributeView(folder.resolve("x"), UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(16);
        view.read("color", value);
        assertEquals("blue", new String(value.array(), 0, value.position()));
        view.write("size", ByteBuffer.wrap(new byte[] {'L'}));
        assertArrayEquals(new byte[] {'L'}, join(mount.getXattr(USER, file, "user.size")));
        assertEquals(Set.of("user.color", "user.size"), new TreeSet<>(join(mount.listXattrs(USER, file))));
        join(mount.removeXattr(USER, file, "user.color"));
        assertEquals(List.of("size"), view.list());
        assertEquals("names outside the user namespace are not served", VfsError.NOTSUPP,
                error(mount.setXattr(Cred.ROOT, file, "trusted.secret", new byte[] {1}, XattrMode.EITHER)));
    }

    @Test
    public void aPunchedHoleReadsAsZerosAndSeekFindsIt() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024];
        Arrays.fill(content, (byte) 'x');
        FileHandle file = write(mount, USER, root, "sparse", content);
        long usedBefore = join(mount.getattr(USER, file, AttrMask.ALL)).spaceUsed();
        join(mount.deallocate(USER, file, 1024 * 1024, 1024 * 1024));
        byte[] expected = content.clone();
        Arrays.fill(expected, 1024 * 1024, 2 * 1024 * 1024, (byte) 0);
        assertArrayEquals(expected, read(mount, USER, file, 0, content.length));
        assertArrayEquals(expected, Files.readAllBytes(folder.resolve("sparse")));
        assertEquals(1024 * 1024L, (long) join(mount.seek(USER, file, 0, Whence.HOLE)));
        assertEquals(2 * 1024 * 1024L, (long) join(mount.seek(USER, file, 1024 * 1024, Whence.DATA)));
        assertEquals(3 * 1024 * 1024L, join(mount.getattr(USER, file, AttrMask.ALL)).size());
        assertEquals(usedBefore - 1024 * 1024, join(mount.getattr(USER, file, AttrMask.ALL)).spaceUsed());
        assertEquals(VfsError.NXIO, error(mount.seek(USER, file, 3 * 1024 * 1024, Whence.DATA)));
    }

    @Test
    public void statfsAnswersTheHostFilesystemsFigures() throws Exception {
        FsStat stat = join(mount.statfs(USER, root));
        FileStore store = Files.getFileStore(folder);
        assertEquals(store.getTotalSpace(), stat.totalBytes());
        // Others build on this disk at the same time: free space may move between the two calls.
        long slack = 256L * 1024 * 1024;
        assertTrue(Math.abs(store.getUnallocatedSpace() - stat.freeBytes()) < slack);
        assertTrue(Math.abs(store.getUsableSpace() - stat.availableBytes()) < slack);
        assertTrue(stat.totalFiles() > 0 && stat.freeFiles() <= stat.totalFiles());
        assertEquals(255, stat.maxNameLength());
    }

    @Test
    public void anUnnamedFileGoesToTheNextMountOnASwapAndIsNamedThere() throws Exception {
        FileHandle staged = join(mount.createUnlinked(USER, root, SetAttrs.mode(0644))).fh();
        OpenFile file = join(mount.open(USER, staged, true));
        join(mount.write(USER, file, 0, PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(new byte[] {4, 2}),
                Stability.UNSTABLE));
        join(mount.close(file));
        MountState state = mount.detach();
        assertEquals("passthrough", state.module());
        mount = new LinuxModule(Path.of("/"), Identity.forProcess())
                .mount(new MountSpec("data", HostMount.MOUNT_ID, folder.toString(), Map.of()), state);
        join(mount.linkAt(USER, staged, root, "published", false));
        assertArrayEquals(new byte[] {4, 2}, Files.readAllBytes(folder.resolve("published")));
        assertEquals("a mount with nothing unnamed hands nothing over", null, mount.detach());
        mount = HostMount.of(folder);
        try {
            new LinuxModule(Path.of("/"), Identity.forProcess())
                    .mount(new MountSpec("data", HostMount.MOUNT_ID, folder.toString(), Map.of()), new MountState("memfs", 1, Map.of()))
                    .unmount();
            throw new AssertionError("another module's state was adopted");
        } catch (VfsException e) {
            assertEquals(VfsError.BADTYPE, e.error());
        }
    }

    @Test
    public void anUnnamedFileIsPublishedAtomicallyOverTheOldOne() throws Exception {
        write(mount, USER, root, "object", new byte[] {'o', 'l', 'd'});
        FileHandle staged = join(mount.createUnlinked(USER, root, SetAttrs.mode(0640))).fh();
        OpenFile file = join(mount.open(USER, staged, true));
        join(mount.write(USER, file, 0, PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(new byte[] {'n', 'e', 'w'}),
                Stability.UNSTABLE));
        join(mount.close(file));
        assertArrayEquals("nothing shows before it is linked", new byte[] {'o', 'l', 'd'}, Files.readAllBytes(folder.resolve("object")));
        assertEquals(1, hostNames().length);
        join(mount.linkAt(USER, staged, root, "object", true));
        assertArrayEquals(new byte[] {'n', 'e', 'w'}, Files.readAllBytes(folder.resolve("object")));
        assertArrayEquals("no temporary name is left", new String[] {"object"}, hostNames());
        assertEquals(0640, (Integer) Files.getAttribute(folder.resolve("object"), "unix:mode") & 07777);
        assertEquals(staged, join(mount.lookup(USER, root, "object", AttrMask.ALL)).fh());
        assertEquals(VfsError.INVAL, error(mount.discardUnlinked(USER, staged)));
    }

    @Test
    public void publishingWithoutReplaceLeavesAnExistingNameAlone() throws Exception {
        write(mount, USER, root, "object", new byte[] {'o', 'l', 'd'});
        FileHandle staged = join(mount.createUnlinked(USER, root, SetAttrs.mode(0644))).fh();
        assertEquals(VfsError.EXIST, error(mount.linkAt(USER, staged, root, "object", false)));
        assertArrayEquals(new byte[] {'o', 'l', 'd'}, Files.readAllBytes(folder.resolve("object")));
        join(mount.discardUnlinked(USER, staged));
        assertArrayEquals(new String[] {"object"}, hostNames());
    }

    @Test
    public void unmountClosesEveryDescriptorItOpened() throws Exception {
        FileHandle dir = join(mount.mkdir(USER, root, "d", SetAttrs.mode(0755))).fh();
        FileHandle file = write(mount, USER, dir, "f", new byte[] {1});
        join(mount.lookup(USER, dir, "f", AttrMask.ALL));
        join(mount.open(USER, file, true));
        join(mount.createUnlinked(USER, dir, SetAttrs.mode(0600)));
        assertTrue(descriptorsInto(folder) >= 4);
        mount.unmount();
        assertEquals(0, descriptorsInto(folder));
        assertEquals("a call after unmount answers, never touching a closed descriptor", VfsError.STALE,
                error(mount.getattr(USER, file, AttrMask.ALL)));
    }

    private String[] hostNames() throws IOException {
        try (Stream<Path> names = Files.list(folder)) {
            return names.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    /** How many of this process's descriptors refer to something under {@code top}. */
    private static long descriptorsInto(Path top) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(top);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    public void aWriteOfAHeapBufferIsWrittenAsWell() throws Exception {
        FileHandle fh = write(mount, USER, root, "heap", new byte[0]);
        OpenFile file = join(mount.open(USER, fh, true));
        try {
            assertEquals(5, join(mount.write(USER, file, 2, PooledByteBufAllocator.DEFAULT.heapBuffer().writeBytes("hello".getBytes()),
                    Stability.DATA_SYNC)).count());
        } finally {
            join(mount.close(file));
        }
        assertArrayEquals(new byte[] {0, 0, 'h', 'e', 'l', 'l', 'o'}, Files.readAllBytes(folder.resolve("heap")));
        try {
            join(mount.read(USER, file, 0, 1));
            fail("a read of a closed file");
        } catch (VfsException e) {
            assertEquals(VfsError.BADHANDLE, e.error());
        }
    }
}

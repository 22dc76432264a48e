package io.manticore.vfs.linux.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FsStat;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsMount;
import io.manticore.api.vfs.Whence;
import io.manticore.api.vfs.XattrMode;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

/** What the conformance suite cannot know of the linux backend: the host folder, its owners and its kernel handles. */
public class LinuxMountTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static final Cred USER = new Cred(1000, 1000, new int[0]);
    private static final Cred OTHER = new Cred(1001, 1001, new int[0]);

    private Path folder;
    private VfsMount mount;
    private FileHandle root;

    @Before
    public void mountFolder() throws Exception {
        folder = tmp.newFolder("served").toPath();
        Files.setAttribute(folder, "unix:mode", 0777);
        mount = mount();
        root = mount.root();
    }

    private VfsMount mount() {
        return new LinuxModule(Path.of("/"), Identity.forProcess())
                .mount(new MountSpec("data", MountId.forName("data"), folder.toString(), Map.of()), null);
    }

    @After
    public void unmount() {
        mount.unmount();
    }

    private static <T> T join(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static VfsError error(CompletionStage<?> stage) throws Exception {
        try {
            join(stage);
            throw new AssertionError("expected a failure");
        } catch (VfsException e) {
            return e.error();
        }
    }

    private FileHandle write(Cred cred, FileHandle dir, String name, byte[] content) throws Exception {
        OpenFile file = join(mount.openAt(cred, dir, name, OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.mode(0644),
                AttrMask.ALL)).file();
        ByteBuf data = PooledByteBufAllocator.DEFAULT.directBuffer(content.length).writeBytes(content);
        join(mount.write(cred, file, 0, data, Stability.FILE_SYNC));
        join(mount.close(file));
        return file.handle();
    }

    private byte[] read(Cred cred, FileHandle fh, long offset, int length) throws Exception {
        OpenFile file = join(mount.open(cred, fh, false));
        try {
            ReadResult result = join(mount.read(cred, file, offset, length));
            try {
                return ByteBufUtil.getBytes(result.data());
            } finally {
                result.data().release();
            }
        } finally {
            join(mount.close(file));
        }
    }

    @Test
    public void handlesResolveInASecondMountOfTheSameFolderAsAfterARestart() throws Exception {
        FileHandle dir = join(mount.mkdir(USER, root, "d", SetAttrs.mode(0755))).fh();
        FileHandle file = write(USER, dir, "f", new byte[] {1, 2, 3});
        VfsMount again = mount();
        try {
            assertEquals(root, again.root());
            assertEquals(3, join(again.getattr(USER, file, AttrMask.ALL)).size());
            assertEquals(file, join(again.lookup(USER, dir, "f", AttrMask.ALL)).fh());
        } finally {
            again.unmount();
        }
    }

    @Test
    public void theHandleOfARemovedFileIsStaleAndABadOneIsRefused() throws Exception {
        FileHandle file = write(USER, root, "gone", new byte[] {1});
        join(mount.remove(USER, root, "gone"));
        assertEquals(VfsError.STALE, error(mount.getattr(USER, file, AttrMask.ALL)));
        FileHandle forged = FileHandle.of(MountId.forName("data"), new byte[] {0, 0, 0, 1, 9});
        assertTrue(Map.of(VfsError.STALE, 1, VfsError.BADHANDLE, 1).containsKey(error(mount.getattr(USER, forged, AttrMask.ALL))));
    }

    @Test
    public void theKernelChecksEachCallersPermissionsAndFilesBelongToTheirCreator() throws Exception {
        FileHandle mine = join(mount.mkdir(USER, root, "mine", SetAttrs.mode(0755))).fh();
        assertEquals("another user cannot create in a 0755 folder of someone else", VfsError.ACCES,
                error(mount.mkdir(OTHER, mine, "intruder", SetAttrs.mode(0755))));
        write(USER, mine, "f", new byte[] {7});
        assertEquals(1000, Files.getAttribute(folder.resolve("mine/f"), "unix:uid"));
        assertEquals(1000, Files.getAttribute(folder.resolve("mine/f"), "unix:gid"));
        assertEquals(0644, (Integer) Files.getAttribute(folder.resolve("mine/f"), "unix:mode") & 07777);
        assertEquals("the process's identity is back after each call", 0, Files.getAttribute(
                Files.createFile(tmp.getRoot().toPath().resolve("after")), "unix:uid"));
    }

    @Test
    public void bytesWrittenReadBackAndMatchTheHostFileByteForByte() throws Exception {
        byte[] content = new byte[1024 * 1024 + 1];
        new Random(9).nextBytes(content);
        FileHandle file = write(USER, root, "big", content);
        assertArrayEquals(content, Files.readAllBytes(folder.resolve("big")));
        assertArrayEquals(content, read(USER, file, 0, content.length));
        assertArrayEquals(new byte[] {content[content.length - 1]}, read(USER, file, content.length - 1, 100));
    }

    @Test
    public void xattrsAreTheHostFilesUserAttributes() throws Exception {
        FileHandle file = write(USER, root, "x", new byte[0]);
        join(mount.setXattr(USER, file, "user.color", new byte[] {'b', 'l', 'u', 'e'}, XattrMode.CREATE));
        UserDefinedFileAttributeView view = Files.getFileAttributeView(folder.resolve("x"), UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(16);
        view.read("color", value);
        assertEquals("blue", new String(value.array(), 0, value.position()));
        view.write("size", ByteBuffer.wrap(new byte[] {'L'}));
        assertArrayEquals(new byte[] {'L'}, join(mount.getXattr(USER, file, "user.size")));
    }

    @Test
    public void aPunchedHoleReadsAsZerosAndSeekFindsIt() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(content, (byte) 'x');
        FileHandle file = write(USER, root, "sparse", content);
        join(mount.deallocate(USER, file, 1024 * 1024, 1024 * 1024));
        byte[] back = read(USER, file, 0, content.length);
        assertEquals('x', back[1024 * 1024 - 1]);
        assertEquals(0, back[1024 * 1024]);
        assertEquals(0, back[2 * 1024 * 1024 - 1]);
        assertEquals('x', back[2 * 1024 * 1024]);
        assertEquals(1024 * 1024L, (long) join(mount.seek(USER, file, 0, Whence.HOLE)));
        assertEquals(2 * 1024 * 1024L, (long) join(mount.seek(USER, file, 1024 * 1024, Whence.DATA)));
    }

    @Test
    public void statfsAnswersTheHostFilesystemsFigures() throws Exception {
        FsStat stat = join(mount.statfs(USER, root));
        FileStore store = Files.getFileStore(folder);
        assertEquals(store.getTotalSpace(), stat.totalBytes());
        assertTrue(Math.abs(store.getUsableSpace() - stat.availableBytes()) < 64L * 1024 * 1024);
        assertEquals(255, stat.maxNameLength());
    }

    @Test
    public void anUnnamedFileIsPublishedAtomicallyOverTheOldOne() throws Exception {
        write(USER, root, "object", new byte[] {'o', 'l', 'd'});
        FileHandle staged = join(mount.createUnlinked(USER, root, SetAttrs.mode(0644))).fh();
        OpenFile file = join(mount.open(USER, staged, true));
        join(mount.write(USER, file, 0, PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(new byte[] {'n', 'e', 'w'}),
                Stability.UNSTABLE));
        join(mount.close(file));
        assertArrayEquals("nothing shows before it is linked", new byte[] {'o', 'l', 'd'}, Files.readAllBytes(folder.resolve("object")));
        join(mount.linkAt(USER, staged, root, "object", true));
        assertArrayEquals(new byte[] {'n', 'e', 'w'}, Files.readAllBytes(folder.resolve("object")));
        try (var names = Files.list(folder)) {
            assertEquals("no temporary name is left", 1, names.count());
        }
        assertEquals(VfsError.INVAL, error(mount.discardUnlinked(USER, staged)));
    }
}

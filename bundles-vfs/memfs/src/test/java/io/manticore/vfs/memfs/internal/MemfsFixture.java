package io.manticore.vfs.memfs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.DirPage;
import io.manticore.api.vfs.FileHandle;
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
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

/** A memfs mount for one test and short ways to drive it; close it in {@code @After}. */
final class MemfsFixture implements AutoCloseable {

    static final Cred USER = new Cred(1000, 1000, new int[] {10});
    static final MountId MOUNT_ID = MountId.forName("test");
    static final int BLOCK = Blocks.SIZE;

    /** The fake clock's source: tests move it; the mount's clock never goes backwards. */
    final AtomicLong clockSource = new AtomicLong(1_700_000_000_000_000_000L);
    final MemfsModule module = new MemfsModule(new NanoClock(clockSource::get));
    final VfsMount mount;
    final FileHandle root;

    MemfsFixture() {
        this(Map.of());
    }

    MemfsFixture(Map<String, String> options) {
        mount = module.mount(spec(options), null);
        root = mount.root();
    }

    static MountSpec spec(Map<String, String> options) {
        return new MountSpec("test", MOUNT_ID, "/", options);
    }

    @Override
    public void close() {
        mount.unmount();
    }

    static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** Asserts that {@code stage} failed with {@code expected}. */
    static void assertFails(VfsError expected, CompletionStage<?> stage) {
        Object value;
        try {
            value = stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof VfsException)) {
                throw new AssertionError("expected " + expected + " but failed with " + e.getCause(), e.getCause());
            }
            assertEquals(expected, VfsException.errorOf(e));
            return;
        }
        if (value instanceof ReadResult r) {
            r.data().release();
        }
        fail("expected " + expected + " but succeeded with " + value);
    }

    FileHandle mkdir(FileHandle dir, String name) {
        return join(mount.mkdir(USER, dir, name, SetAttrs.NONE)).fh();
    }

    FileHandle createFile(FileHandle dir, String name) {
        OpenFile file = join(mount.openAt(USER, dir, name, OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.NONE,
                AttrMask.ALL)).file();
        join(mount.close(file));
        return file.handle();
    }

    FileHandle createFile(FileHandle dir, String name, byte[] content) {
        FileHandle fh = createFile(dir, name);
        write(fh, 0, content);
        return fh;
    }

    OpenFile open(FileHandle fh) {
        return join(mount.open(USER, fh, true));
    }

    void write(FileHandle fh, long offset, byte[] data) {
        OpenFile file = open(fh);
        try {
            assertEquals(data.length, join(mount.write(USER, file, offset, buffer(data), Stability.FILE_SYNC)).count());
        } finally {
            join(mount.close(file));
        }
    }

    byte[] read(FileHandle fh, long offset, int length) {
        OpenFile file = open(fh);
        try {
            ReadResult result = join(mount.read(USER, file, offset, length));
            try {
                return ByteBufUtil.getBytes(result.data());
            } finally {
                result.data().release();
            }
        } finally {
            join(mount.close(file));
        }
    }

    byte[] readAll(FileHandle fh) {
        return read(fh, 0, (int) attrs(fh).size());
    }

    Attrs attrs(FileHandle fh) {
        return join(mount.getattr(USER, fh, AttrMask.ALL));
    }

    FileHandle lookup(FileHandle dir, String name) {
        return join(mount.lookup(USER, dir, name, AttrMask.ALL)).fh();
    }

    /** Every name in {@code dir}, paging {@code pageSize} entries at a time. */
    List<String> list(FileHandle dir, int pageSize) {
        List<String> names = new ArrayList<>();
        long cookie = 0;
        long verifier = 0;
        while (true) {
            DirPage page = join(mount.readdir(USER, dir, cookie, verifier, pageSize, AttrMask.ALL));
            for (DirEntry entry : page.entries()) {
                names.add(entry.name());
                cookie = entry.cookie();
            }
            verifier = page.verifier();
            if (page.eof()) {
                return names;
            }
        }
    }

    static ByteBuf buffer(byte[] data) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(1, data.length));
        buf.writeBytes(data);
        return buf;
    }

    /** {@code length} bytes that differ with {@code seed} and with position. */
    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed * 7 + (i >>> 8));
        }
        return bytes;
    }
}

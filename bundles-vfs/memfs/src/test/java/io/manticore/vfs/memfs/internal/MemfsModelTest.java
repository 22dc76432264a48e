package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.BLOCK;
import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.buffer;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FsStat;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsMount;
import io.manticore.api.vfs.Whence;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/**
 * Random writes, truncates, punches, allocations, copies and clones on a few files that cross the
 * 64 KiB boundary both ways, each checked against plain byte arrays; now and then the mount is
 * handed over and the space account is summed against the buffers the payload actually holds.
 */
public class MemfsModelTest {

    private static final int FILES = 4;
    private static final int MAX_SIZE = 5 * BLOCK;
    private static final int OPERATIONS = 4000;

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final Random random = new Random(20_240_611L);
    private final MemfsModule module = new MemfsModule();
    private VfsMount mount = module.mount(MemfsFixture.spec(Map.of("size", "64m")), null);
    private final FileHandle[] files = new FileHandle[FILES];
    private final byte[][] model = new byte[FILES][];
    private final List<Held> held = new ArrayList<>();

    /** A read a client still holds, with the bytes it had when it was made. */
    private record Held(ByteBuf data, byte[] expected) {
    }

    @After
    public void unmount() {
        for (Held h : held) {
            h.data().release();
        }
        mount.unmount();
    }

    @Test
    public void memfsMatchesAByteArrayModelAndItsAccountMatchesTheBlocksHeld() {
        for (int i = 0; i < FILES; i++) {
            OpenFile file = join(mount.openAt(USER, mount.root(), "f" + i, OpenFlags.create(CreateMode.CREATE_NEW),
                    SetAttrs.NONE, AttrMask.ALL)).file();
            join(mount.close(file));
            files[i] = file.handle();
            model[i] = new byte[0];
        }
        int crossedUp = 0;
        int crossedDown = 0;
        for (int step = 0; step < OPERATIONS; step++) {
            int f = random.nextInt(FILES);
            boolean wasBig = model[f].length > BLOCK;
            String what = operate(f);
            String where = "step " + step + " (" + what + ")";
            assertEquals(where, model[f].length, attrs(f).size());
            assertArrayEquals(where, model[f], readAll(f));
            boolean isBig = model[f].length > BLOCK;
            crossedUp += !wasBig && isBig ? 1 : 0;
            crossedDown += wasBig && !isBig ? 1 : 0;
            if (step % 100 == 99) {
                checkEverything(where);
            }
            if (step % 500 == 499) {
                handOverAndCheckTheAccount(where);
            }
        }
        checkEverything("the end");
        handOverAndCheckTheAccount("the end");
        assertTrue("the files crossed 64 KiB upwards only " + crossedUp + " times", crossedUp > 50);
        assertTrue("the files crossed 64 KiB downwards only " + crossedDown + " times", crossedDown > 50);
    }

    /** One random operation on file {@code f} (and maybe another), done to memfs and to the model; says which. */
    private String operate(int f) {
        int choice = random.nextInt(100);
        if (choice < 35) {
            int offset = offset(f);
            byte[] data = new byte[Math.min(length(), MAX_SIZE - offset)];
            random.nextBytes(data);
            if (data.length > 0) {
                OpenFile open = join(mount.open(USER, files[f], true));
                join(mount.write(USER, open, offset, buffer(data), Stability.FILE_SYNC));
                join(mount.close(open));
                byte[] m = grown(f, offset + data.length);
                System.arraycopy(data, 0, m, offset, data.length);
            }
            return "write " + data.length + " at " + offset + " to f" + f;
        }
        if (choice < 50) {
            int size = size(f);
            join(mount.setattr(USER, files[f], SetAttrs.NONE.withSize(size), Guard.NONE));
            model[f] = Arrays.copyOf(model[f], size);
            return "truncate f" + f + " to " + size;
        }
        if (choice < 60) {
            int offset = offset(f);
            int length = Math.max(1, length());
            join(mount.deallocate(USER, files[f], offset, length));
            int end = (int) Math.min((long) offset + length, model[f].length);
            if (offset < end) {
                Arrays.fill(model[f], offset, end, (byte) 0);
            }
            return "punch " + length + " at " + offset + " in f" + f;
        }
        if (choice < 65) {
            int offset = offset(f);
            int length = Math.max(1, Math.min(length(), MAX_SIZE - offset));
            join(mount.allocate(USER, files[f], offset, length));
            grown(f, offset + length);
            return "allocate " + length + " at " + offset + " in f" + f;
        }
        if (choice < 80) {
            return copy(f, false);
        }
        if (choice < 88) {
            return copy(f, true);
        }
        if (choice < 95) {
            holdARead(f);
            return "hold a read of f" + f;
        }
        checkSeek(f);
        return "seek in f" + f;
    }

    private String copy(int dst, boolean clone) {
        int src = random.nextInt(FILES);
        int srcSize = model[src].length;
        int srcOffset;
        int dstOffset;
        int length;
        if (clone) {
            srcOffset = BLOCK * random.nextInt(srcSize / BLOCK + 1);
            dstOffset = BLOCK * random.nextInt(MAX_SIZE / BLOCK);
            length = random.nextBoolean() ? BLOCK * (1 + random.nextInt(2)) : srcSize - srcOffset;
        } else {
            srcOffset = offset(src);
            dstOffset = offset(dst);
            length = length();
        }
        int n = Math.max(0, Math.min(length, srcSize - srcOffset));
        if (src == dst && n > 0 && srcOffset < dstOffset + n && dstOffset < srcOffset + n) {
            return "skipped an overlapping copy in f" + dst;
        }
        if (clone) {
            join(mount.cloneRange(USER, files[src], srcOffset, files[dst], dstOffset, length));
        } else {
            assertEquals((long) n, (long) join(mount.copyRange(USER, files[src], srcOffset, files[dst], dstOffset, length)));
        }
        if (n > 0) {
            byte[] bytes = Arrays.copyOfRange(model[src], srcOffset, srcOffset + n);
            System.arraycopy(bytes, 0, grown(dst, dstOffset + n), dstOffset, n);
        }
        return (clone ? "clone " : "copy ") + length + " from f" + src + " at " + srcOffset + " to f" + dst + " at "
                + dstOffset;
    }

    private void holdARead(int f) {
        if (model[f].length == 0) {
            return;
        }
        int offset = random.nextInt(model[f].length);
        int length = 1 + random.nextInt(Math.min(model[f].length - offset, 2 * BLOCK));
        OpenFile open = join(mount.open(USER, files[f], false));
        ReadResult read = join(mount.read(USER, open, offset, length));
        join(mount.close(open));
        held.add(new Held(read.data(), Arrays.copyOfRange(model[f], offset, offset + length)));
        if (held.size() > 6) {
            Held oldest = held.remove(0);
            assertArrayEquals("a held read changed", oldest.expected(), ByteBufUtil.getBytes(oldest.data()));
            oldest.data().release();
        }
    }

    // memfs reports holes a block at a time: bytes it skips as a hole, or finds a hole at, are zero
    private void checkSeek(int f) {
        byte[] m = model[f];
        if (m.length == 0) {
            return;
        }
        int offset = random.nextInt(m.length);
        long hole = join(mount.seek(USER, files[f], offset, Whence.HOLE));
        assertTrue(hole >= offset && hole <= m.length);
        for (long i = hole; i < Math.min(m.length, Blocks.start(Blocks.index(hole) + 1)); i++) {
            assertEquals("byte " + i + " of a hole", 0, m[(int) i]);
        }
        long data;
        try {
            data = join(mount.seek(USER, files[f], offset, Whence.DATA));
        } catch (CompletionException e) {
            assertEquals(VfsError.NXIO, VfsException.errorOf(e));
            data = m.length;
        }
        assertTrue(data >= offset && data <= m.length);
        for (int i = offset; i < data; i++) {
            assertEquals("byte " + i + " skipped as a hole", 0, m[i]);
        }
    }

    private byte[] grown(int f, int size) {
        if (model[f].length < size) {
            model[f] = Arrays.copyOf(model[f], size);
        }
        return model[f];
    }

    private int offset(int f) {
        int offset = switch (random.nextInt(5)) {
            case 0 -> random.nextInt(8192);
            case 1 -> BLOCK - 3000 + random.nextInt(6000);
            case 2 -> random.nextInt(model[f].length + 1);
            case 3 -> model[f].length;
            default -> random.nextInt(MAX_SIZE);
        };
        return Math.min(offset, MAX_SIZE);
    }

    private int length() {
        return switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(16);
            case 1 -> 1 + random.nextInt(5000);
            case 2 -> 1 + random.nextInt(20_000);
            default -> 1 + random.nextInt(BLOCK + 10_000);
        };
    }

    private int size(int f) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(10_000);
            case 1 -> BLOCK - 3 + random.nextInt(7);
            case 2 -> Math.max(0, model[f].length - random.nextInt(3000));
            case 3 -> Math.min(MAX_SIZE, model[f].length + random.nextInt(3000));
            default -> random.nextInt(MAX_SIZE);
        };
    }

    private Attrs attrs(int f) {
        return join(mount.getattr(USER, files[f], AttrMask.ALL));
    }

    private byte[] readAll(int f) {
        OpenFile open = join(mount.open(USER, files[f], false));
        ReadResult read = join(mount.read(USER, open, 0, model[f].length));
        join(mount.close(open));
        try {
            return ByteBufUtil.getBytes(read.data());
        } finally {
            read.data().release();
        }
    }

    private void checkEverything(String where) {
        for (int f = 0; f < FILES; f++) {
            assertArrayEquals(where + ": f" + f, model[f], readAll(f));
        }
        for (Held h : held) {
            assertArrayEquals(where + ": a held read changed", h.expected(), ByteBufUtil.getBytes(h.data()));
        }
    }

    /**
     * Hands the mount over to a new instance, and checks that the space each file reports and the
     * space statfs reports are the capacities of the buffers the payload carries, each a capacity
     * the file's size calls for.
     */
    private void handOverAndCheckTheAccount(String where) {
        Map<Long, Long> spaceUsed = new HashMap<>();
        for (int f = 0; f < FILES; f++) {
            Attrs attrs = attrs(f);
            spaceUsed.put(attrs.fileId(), attrs.spaceUsed());
        }
        FsStat stat = join(mount.statfs(USER, mount.root()));
        MountState state = mount.detach();
        long total = 0;
        for (Object item : (List<?>) ((Map<?, ?>) state.payload()).get("inodes")) {
            Map<?, ?> inode = (Map<?, ?>) item;
            if (!inode.containsKey("blocks")) {
                continue;
            }
            long size = (Long) inode.get("size");
            long[] indexes = (long[]) inode.get("blockIndexes");
            List<?> blocks = (List<?>) inode.get("blocks");
            long held = 0;
            for (int i = 0; i < indexes.length; i++) {
                ByteBuf block = (ByteBuf) blocks.get(i);
                assertTrue(where + ": block " + indexes[i] + " lies past the size " + size,
                        Blocks.start(indexes[i]) < size);
                assertEquals(where + ": the capacity of block " + indexes[i] + " at size " + size,
                        Blocks.capacity(indexes[i], size), block.capacity());
                held += block.capacity();
            }
            assertEquals(where + ": space used by inode " + inode.get("ino"), spaceUsed.get((Long) inode.get("ino")),
                    (Long) held);
            total += held;
        }
        assertEquals(where + ": statfs", total, stat.totalBytes() - stat.freeBytes());
        mount = module.mount(MemfsFixture.spec(Map.of("size", "64m")), state);
        FsStat adopted = join(mount.statfs(USER, mount.root()));
        assertEquals(where + ": statfs after the handover", total, adopted.totalBytes() - adopted.freeBytes());
    }
}

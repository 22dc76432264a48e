package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.BLOCK;
import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.assertFails;
import static io.manticore.vfs.memfs.internal.MemfsFixture.buffer;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static io.manticore.vfs.memfs.internal.MemfsFixture.pattern;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FsStat;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.MountState;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsMount;
import io.manticore.api.vfs.Whence;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsShortBlockTest {

    private static final int MIN = Blocks.MIN_SIZE;

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();
    private VfsMount adopted;

    @After
    public void unmount() {
        fx.close();
        fx = null;
        if (adopted != null) {
            adopted.unmount();
            adopted = null;
        }
    }

    private void remount(Map<String, String> options) {
        fx.close();
        fx = new MemfsFixture(options);
    }

    private long used() {
        FsStat stat = join(fx.mount.statfs(USER, fx.root));
        return stat.totalBytes() - stat.freeBytes();
    }

    private void truncate(FileHandle fh, long size) {
        join(fx.mount.setattr(USER, fh, SetAttrs.NONE.withSize(size), Guard.NONE));
    }

    /** The capacity of the pooled buffer (under any slice and leak-detection wrapper) behind the byte at {@code offset}, which must lie in a block. */
    private int bufferCapacityAt(FileHandle fh, long offset) {
        OpenFile open = fx.open(fh);
        ReadResult r = join(fx.mount.read(USER, open, offset, 1));
        try {
            ByteBuf buffer = r.data();
            while (buffer.unwrap() != null) {
                buffer = buffer.unwrap();
            }
            return buffer.capacity();
        } finally {
            r.data().release();
            join(fx.mount.close(open));
        }
    }

    private long address(FileHandle fh, long offset) {
        OpenFile open = fx.open(fh);
        ReadResult r = join(fx.mount.read(USER, open, offset, 1));
        try {
            return r.data().memoryAddress();
        } finally {
            r.data().release();
            join(fx.mount.close(open));
        }
    }

    @Test
    public void aSmallFileHoldsTheSmallestPowerOfTwoFromFourKibibytesThatFitsIt() {
        int[] sizes = {1, 4096, 4097, 8192, 10_000, 20_000, 40_000, BLOCK - 1, BLOCK, BLOCK + 1};
        long[] spaceUsed = {MIN, MIN, 8192, 8192, 16_384, 32_768, BLOCK, BLOCK, BLOCK, 2L * BLOCK};
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            FileHandle file = fx.createFile(fx.root, "f" + i, pattern(sizes[i], i));
            Attrs attrs = fx.attrs(file);
            assertEquals(sizes[i], attrs.size());
            assertEquals("size " + sizes[i], spaceUsed[i], attrs.spaceUsed());
            assertEquals("size " + sizes[i], (int) Math.min(spaceUsed[i], BLOCK), bufferCapacityAt(file, 0));
            assertArrayEquals(pattern(sizes[i], i), fx.readAll(file));
            total += spaceUsed[i];
        }
        assertEquals(total, used());
    }

    @Test
    public void appendingOneByteAtATimeTo200KibibytesKeepsEveryByteAndGrowsByDoubling() {
        int end = 200 * 1024;
        byte[] expected = pattern(end, 3);
        FileHandle file = fx.createFile(fx.root, "f");
        OpenFile open = fx.open(file);
        List<Long> firstBlockAddresses = new ArrayList<>();
        for (int size = 1; size <= end; size++) {
            ByteBuf one = buffer(new byte[] {expected[size - 1]});
            join(fx.mount.write(USER, open, size - 1, one, Stability.FILE_SYNC));
            int window = Math.min(size, 9);
            ReadResult tail = join(fx.mount.read(USER, open, size - window, window));
            try {
                assertArrayEquals("after " + size + " bytes", Arrays.copyOfRange(expected, size - window, size),
                        ByteBufUtil.getBytes(tail.data()));
                if (size <= BLOCK) {
                    long address = tail.data().memoryAddress() - (size - window);
                    if (firstBlockAddresses.isEmpty() || firstBlockAddresses.getLast() != address) {
                        firstBlockAddresses.add(address);
                    }
                }
            } finally {
                tail.data().release();
            }
            long capacity = size >= BLOCK ? Blocks.count(size) * BLOCK : Blocks.capacity(0, size);
            assertEquals("after " + size + " bytes", capacity, fx.attrs(file).spaceUsed());
            if (size <= BLOCK && Integer.bitCount(size) == 1 || size % 10_007 == 0 || size == BLOCK + 1) {
                assertArrayEquals("after " + size + " bytes", Arrays.copyOf(expected, size), fx.readAll(file));
            }
        }
        join(fx.mount.close(open));
        assertArrayEquals(expected, fx.readAll(file));
        // 4, 8, 16, 32 and 64 KiB: the first block moved four times, not once per append
        assertEquals(firstBlockAddresses.toString(), 5, firstBlockAddresses.size());
        assertEquals(firstBlockAddresses.getLast().longValue(), address(file, 0));
        assertEquals(4L * BLOCK, used());
    }

    @Test
    public void aBlockThatGrowsWhileAReaderHoldsItsSliceLeavesTheSliceIntact() {
        byte[] first = pattern(3000, 4);
        FileHandle file = fx.createFile(fx.root, "f", first);
        OpenFile open = fx.open(file);
        ReadResult held = join(fx.mount.read(USER, open, 0, 3000));
        ReadResult heldTail = join(fx.mount.read(USER, open, 2990, 10));
        try {
            long heldAddress = held.data().memoryAddress();
            byte[] more = pattern(6000, 5);
            join(fx.mount.write(USER, open, 1000, buffer(more), Stability.FILE_SYNC));
            byte[] expected = new byte[7000];
            System.arraycopy(first, 0, expected, 0, 1000);
            System.arraycopy(more, 0, expected, 1000, 6000);
            assertArrayEquals(expected, fx.readAll(file));
            assertEquals(8192, fx.attrs(file).spaceUsed());
            assertNotEquals(heldAddress, address(file, 0));
            join(fx.mount.write(USER, open, BLOCK + 5L, buffer(new byte[] {1}), Stability.FILE_SYNC));
            assertEquals(2L * BLOCK, fx.attrs(file).spaceUsed());
            assertArrayEquals(first, ByteBufUtil.getBytes(held.data()));
            assertArrayEquals(Arrays.copyOfRange(first, 2990, 3000), ByteBufUtil.getBytes(heldTail.data()));
            assertEquals(heldAddress, held.data().memoryAddress());
        } finally {
            held.data().release();
            heldTail.data().release();
            join(fx.mount.close(open));
        }
    }

    @Test
    public void truncateShrinksAndGrowsTheShortBlockAndReadsZerosPastTheOldEnd() {
        byte[] data = pattern(10_000, 6);
        FileHandle file = fx.createFile(fx.root, "f", data);
        assertEquals(16_384, fx.attrs(file).spaceUsed());
        OpenFile open = fx.open(file);
        ReadResult held = join(fx.mount.read(USER, open, 0, 10_000));
        truncate(file, 3000);
        assertEquals(MIN, fx.attrs(file).spaceUsed());
        assertEquals(MIN, bufferCapacityAt(file, 0));
        assertArrayEquals(Arrays.copyOf(data, 3000), fx.readAll(file));
        assertArrayEquals(data, ByteBufUtil.getBytes(held.data()));
        held.data().release();
        join(fx.mount.close(open));

        truncate(file, 20_000);
        assertEquals(32_768, fx.attrs(file).spaceUsed());
        assertArrayEquals(Arrays.copyOf(Arrays.copyOf(data, 3000), 20_000), fx.readAll(file));
        truncate(file, 3L * BLOCK + 1);
        assertEquals("a file past one block has a full first block and holes after it", BLOCK, fx.attrs(file).spaceUsed());
        assertEquals(BLOCK, bufferCapacityAt(file, 0));
        assertArrayEquals(Arrays.copyOf(Arrays.copyOf(data, 3000), 3 * BLOCK + 1), fx.readAll(file));
        fx.write(file, 5000, new byte[] {9});
        truncate(file, 5001);
        assertEquals(8192, fx.attrs(file).spaceUsed());
        byte[] expected = Arrays.copyOf(Arrays.copyOf(data, 3000), 5001);
        expected[5000] = 9;
        assertArrayEquals(expected, fx.readAll(file));
        truncate(file, 0);
        assertEquals(0, fx.attrs(file).spaceUsed());
        assertEquals(0, used());
    }

    @Test
    public void cloningAShortFileSharesItsBlockAndCopyOnWriteKeepsThemApart() {
        byte[] data = pattern(5000, 7);
        FileHandle src = fx.createFile(fx.root, "src", data);
        FileHandle dst = fx.createFile(fx.root, "dst");
        join(fx.mount.cloneRange(USER, src, 0, dst, 0, 5000));
        assertEquals(address(src, 0), address(dst, 0));
        assertEquals(8192, fx.attrs(dst).spaceUsed());
        assertEquals(2L * 8192, used());
        fx.write(dst, 4999, new byte[] {1, 2});
        assertNotEquals(address(src, 0), address(dst, 0));
        assertArrayEquals(data, fx.readAll(src));
        byte[] expected = Arrays.copyOf(data, 5001);
        expected[4999] = 1;
        expected[5000] = 2;
        assertArrayEquals(expected, fx.readAll(dst));
        assertEquals(2L * 8192, used());
    }

    @Test
    public void copiesIntoAndOutOfShortFilesTakeTheCapacityTheTargetNeeds() {
        byte[] small = pattern(5000, 8);
        byte[] big = pattern(BLOCK + 5000, 9);
        FileHandle shortFile = fx.createFile(fx.root, "short", small);
        FileHandle bigFile = fx.createFile(fx.root, "big", big);

        FileHandle high = fx.createFile(fx.root, "high");
        assertEquals(5000L, (long) join(fx.mount.copyRange(USER, shortFile, 0, high, BLOCK, 5000)));
        assertEquals("the first block stays a hole, the copy lands in a full block", BLOCK, fx.attrs(high).spaceUsed());
        assertArrayEquals(new byte[BLOCK], fx.read(high, 0, BLOCK));
        assertArrayEquals(small, fx.read(high, BLOCK, 5000));

        FileHandle fromBigEnd = fx.createFile(fx.root, "fromBigEnd");
        join(fx.mount.cloneRange(USER, bigFile, BLOCK, fromBigEnd, 0, 5000));
        assertEquals("a full source block is copied into a short one", 8192, fx.attrs(fromBigEnd).spaceUsed());
        assertNotEquals(address(bigFile, BLOCK), address(fromBigEnd, 0));
        assertArrayEquals(Arrays.copyOfRange(big, BLOCK, BLOCK + 5000), fx.readAll(fromBigEnd));

        assertEquals(3000L, (long) join(fx.mount.copyRange(USER, bigFile, 66_000, shortFile, 100, 3000)));
        byte[] expected = small.clone();
        System.arraycopy(big, 66_000, expected, 100, 3000);
        assertArrayEquals(expected, fx.readAll(shortFile));
        assertEquals(8192, fx.attrs(shortFile).spaceUsed());

        assertEquals(1000L, (long) join(fx.mount.copyRange(USER, shortFile, 0, shortFile, 4500, 1000)));
        byte[] within = Arrays.copyOf(expected, 5500);
        System.arraycopy(expected, 0, within, 4500, 1000);
        assertArrayEquals(within, fx.readAll(shortFile));
        assertEquals(8192, fx.attrs(shortFile).spaceUsed());

        assertEquals(5500L, (long) join(fx.mount.copyRange(USER, shortFile, 0, bigFile, 0, 5500)));
        byte[] bigExpected = big.clone();
        System.arraycopy(within, 0, bigExpected, 0, 5500);
        assertArrayEquals(bigExpected, fx.readAll(bigFile));
        assertEquals(2L * BLOCK, fx.attrs(bigFile).spaceUsed());

        FileHandle grown = fx.createFile(fx.root, "grown", pattern(100, 10));
        join(fx.mount.cloneRange(USER, bigFile, 0, grown, BLOCK, BLOCK + 5000));
        assertEquals("the short first block grew to a full one", 3L * BLOCK, fx.attrs(grown).spaceUsed());
        byte[] grownExpected = new byte[2 * BLOCK + 5000];
        System.arraycopy(pattern(100, 10), 0, grownExpected, 0, 100);
        System.arraycopy(bigExpected, 0, grownExpected, BLOCK, bigExpected.length);
        assertArrayEquals(grownExpected, fx.readAll(grown));
        assertEquals(address(bigFile, 0), address(grown, BLOCK));
    }

    @Test
    public void deallocateInsideAShortBlockZeroesTheRangeAndFreesTheBlockOnlyWhenAllOfItGoes() {
        byte[] data = pattern(6000, 11);
        FileHandle file = fx.createFile(fx.root, "f", data);
        join(fx.mount.deallocate(USER, file, 100, 200));
        byte[] expected = data.clone();
        Arrays.fill(expected, 100, 300, (byte) 0);
        assertArrayEquals(expected, fx.readAll(file));
        assertEquals(8192, fx.attrs(file).spaceUsed());
        assertEquals(0L, (long) join(fx.mount.seek(USER, file, 0, Whence.DATA)));
        assertEquals(6000L, (long) join(fx.mount.seek(USER, file, 0, Whence.HOLE)));
        join(fx.mount.deallocate(USER, file, 5000, 10_000));
        Arrays.fill(expected, 5000, 6000, (byte) 0);
        assertArrayEquals(expected, fx.readAll(file));
        assertEquals(8192, fx.attrs(file).spaceUsed());
        join(fx.mount.deallocate(USER, file, 0, 6000));
        assertEquals(0, fx.attrs(file).spaceUsed());
        assertEquals(6000, fx.attrs(file).size());
        assertArrayEquals(new byte[6000], fx.readAll(file));
        assertFails(VfsError.NXIO, fx.mount.seek(USER, file, 0, Whence.DATA));
        assertEquals(0, used());
        fx.write(file, 10, new byte[] {3});
        assertEquals(8192, fx.attrs(file).spaceUsed());
        byte[] after = new byte[6000];
        after[10] = 3;
        assertArrayEquals(after, fx.readAll(file));
    }

    @Test
    public void allocateGivesAShortFileTheCapacityOfItsNewSize() {
        FileHandle file = fx.createFile(fx.root, "f", pattern(1000, 12));
        join(fx.mount.allocate(USER, file, 500, 9000));
        assertEquals(9500, fx.attrs(file).size());
        assertEquals(16_384, fx.attrs(file).spaceUsed());
        assertArrayEquals(Arrays.copyOf(pattern(1000, 12), 9500), fx.readAll(file));
        FileHandle empty = fx.createFile(fx.root, "e");
        join(fx.mount.allocate(USER, empty, 0, 10));
        assertEquals(MIN, fx.attrs(empty).spaceUsed());
        assertEquals(16_384L + MIN, used());
    }

    @Test
    public void handoverCarriesShortBlocksWithoutACopy() {
        int[] sizes = {1, 5000, 40_000, BLOCK, BLOCK + 7};
        FileHandle[] files = new FileHandle[sizes.length];
        long[] addresses = new long[sizes.length];
        Attrs[] before = new Attrs[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            files[i] = fx.createFile(fx.root, "f" + i, pattern(sizes[i], 20 + i));
        }
        FileHandle clone = fx.createFile(fx.root, "clone");
        join(fx.mount.cloneRange(USER, files[1], 0, clone, 0, sizes[1]));
        for (int i = 0; i < sizes.length; i++) {
            addresses[i] = address(files[i], 0);
            before[i] = fx.attrs(files[i]);
        }
        long usedBefore = used();
        MountState state = fx.mount.detach();
        assertEquals(HandoverCodec.FORMAT, state.format());
        adopted = new MemfsModule().mount(MemfsFixture.spec(Map.of()), state);
        FsStat stat = join(adopted.statfs(USER, adopted.root()));
        assertEquals(usedBefore, stat.totalBytes() - stat.freeBytes());
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(before[i], join(adopted.getattr(USER, files[i], AttrMask.ALL)));
            assertArrayEquals(pattern(sizes[i], 20 + i), readAll(adopted, files[i]));
            assertEquals(addresses[i], addressOf(adopted, files[i]));
        }
        assertEquals(addressOf(adopted, files[1]), addressOf(adopted, clone));
        OpenFile open = join(adopted.open(USER, files[0], true));
        join(adopted.write(USER, open, 5000, buffer(new byte[] {4}), Stability.FILE_SYNC));
        join(adopted.close(open));
        assertEquals(8192, join(adopted.getattr(USER, files[0], AttrMask.ALL)).spaceUsed());
    }

    @Test
    public void aFormatOnePayloadWithFullFirstBlocksIsFittedWhenAdopted() {
        int[] sizes = {3, 9000, BLOCK, BLOCK + 10};
        FileHandle[] files = new FileHandle[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            files[i] = fx.createFile(fx.root, "f" + i, pattern(sizes[i], 30 + i));
        }
        MountState state = fx.mount.detach();
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) state.payload();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inodes = (List<Map<String, Object>>) payload.get("inodes");
        for (Map<String, Object> inode : inodes) {
            @SuppressWarnings("unchecked")
            List<ByteBuf> blocks = (List<ByteBuf>) inode.get("blocks");
            if (blocks != null) {
                List<ByteBuf> full = new ArrayList<>();
                for (ByteBuf block : blocks) {
                    full.add(Blocks.resized(block, BLOCK, block.capacity()));
                    block.release();
                }
                inode.put("blocks", full);
            }
        }
        adopted = new MemfsModule().mount(MemfsFixture.spec(Map.of()), new MountState("memfs", 1, new HashMap<>(payload)));
        long[] spaceUsed = {MIN, 16_384, BLOCK, 2L * BLOCK};
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            assertArrayEquals(pattern(sizes[i], 30 + i), readAll(adopted, files[i]));
            assertEquals(spaceUsed[i], join(adopted.getattr(USER, files[i], AttrMask.ALL)).spaceUsed());
            total += spaceUsed[i];
        }
        FsStat stat = join(adopted.statfs(USER, adopted.root()));
        assertEquals(total, stat.totalBytes() - stat.freeBytes());
    }

    @Test
    public void aPayloadWithABlockOfAnUnexpectedCapacityIsRefused() {
        FileHandle file = fx.createFile(fx.root, "f", pattern(100, 40));
        MountState state = fx.mount.detach();
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) state.payload();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inodes = (List<Map<String, Object>>) payload.get("inodes");
        Map<String, Object> inode = inodes.stream().filter(m -> m.containsKey("blocks")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        ByteBuf original = ((List<ByteBuf>) inode.get("blocks")).get(0);
        ByteBuf wrong = Blocks.resized(original, 8192, 100);
        inode.put("blocks", List.of(wrong));
        try {
            new MemfsModule().mount(MemfsFixture.spec(Map.of()), state);
            throw new AssertionError("adopted a block of 8192 bytes for a file of 100");
        } catch (io.manticore.api.vfs.VfsException e) {
            assertEquals(VfsError.BADTYPE, e.error());
        }
        assertEquals(1, wrong.refCnt());
        wrong.release();
        inode.put("blocks", List.of(original));
        adopted = new MemfsModule().mount(MemfsFixture.spec(Map.of()), state);
        assertArrayEquals(pattern(100, 40), readAll(adopted, file));
    }

    @Test
    public void aMebibyteMemfsHoldsExactly256FilesOfFourKibibytes() {
        remount(Map.of("size", "1m"));
        for (int i = 0; i < 256; i++) {
            fx.createFile(fx.root, "f" + i, pattern(MIN, i));
        }
        assertEquals(0, join(fx.mount.statfs(USER, fx.root)).freeBytes());
        FileHandle extra = fx.createFile(fx.root, "extra");
        OpenFile open = fx.open(extra);
        ByteBuf one = buffer(new byte[] {1});
        assertFails(VfsError.NOSPC, fx.mount.write(USER, open, 0, one, Stability.FILE_SYNC));
        assertEquals(0, one.refCnt());
        join(fx.mount.close(open));
        assertEquals(0, fx.attrs(extra).size());
        for (int i = 0; i < 256; i += 51) {
            assertArrayEquals(pattern(MIN, i), fx.readAll(fx.lookup(fx.root, "f" + i)));
        }
    }

    @Test
    public void growingASmallFileNeedsOnlyTheDifferenceAndFailsNospcAtTheExactLimit() {
        remount(Map.of("size", "64k"));
        FileHandle a = fx.createFile(fx.root, "a", pattern(MIN, 1));
        FileHandle b = fx.createFile(fx.root, "b", pattern(16_000, 2));
        FileHandle c = fx.createFile(fx.root, "c", pattern(20_000, 3));
        assertEquals(MIN + 16_384L + 32_768L, used());
        assertEquals(3L * MIN, join(fx.mount.statfs(USER, fx.root)).freeBytes());
        Attrs before = fx.attrs(b);
        OpenFile open = fx.open(b);
        ByteBuf grow = buffer(new byte[] {1});
        assertFails(VfsError.NOSPC, fx.mount.write(USER, open, 16_384, grow, Stability.FILE_SYNC));
        join(fx.mount.close(open));
        assertFails(VfsError.NOSPC, fx.mount.setattr(USER, b, SetAttrs.NONE.withSize(16_385).withOwner(5, 5), Guard.NONE));
        assertFails(VfsError.NOSPC, fx.mount.allocate(USER, b, 0, 16_385));
        assertFails(VfsError.NOSPC, fx.mount.copyRange(USER, c, 0, b, 0, 16_385));
        assertEquals(before, fx.attrs(b));
        assertArrayEquals(pattern(16_000, 2), fx.readAll(b));
        fx.write(a, MIN, pattern(MIN, 4));
        assertEquals(8192, fx.attrs(a).spaceUsed());
        assertEquals(2L * MIN, join(fx.mount.statfs(USER, fx.root)).freeBytes());
        FileHandle d = fx.createFile(fx.root, "d", pattern(MIN, 6));
        fx.createFile(fx.root, "e", pattern(MIN, 7));
        assertEquals(0, join(fx.mount.statfs(USER, fx.root)).freeBytes());
        assertFails(VfsError.NOSPC, fx.mount.setattr(USER, d, SetAttrs.NONE.withSize(MIN + 1L), Guard.NONE));
        assertEquals(MIN, fx.attrs(d).size());
        truncate(c, 100);
        assertEquals(32_768 - MIN, join(fx.mount.statfs(USER, fx.root)).freeBytes());
        truncate(d, 20_000);
        assertEquals(0, join(fx.mount.statfs(USER, fx.root)).freeBytes());
        assertArrayEquals(Arrays.copyOf(pattern(MIN, 6), 20_000), fx.readAll(d));
    }

    @Test
    public void atTheLimitACloneOrCopyOverABlockOfTheSameCapacityNeedsNoMoreSpace() {
        remount(Map.of("size", "64k"));
        byte[] source = pattern(5000, 1);
        FileHandle src = fx.createFile(fx.root, "src", source);
        FileHandle dst = fx.createFile(fx.root, "dst", pattern(4500, 2));
        FileHandle fill = null;
        for (int i = 0; i < 12; i++) {
            fill = fx.createFile(fx.root, "fill" + i, pattern(MIN, 3 + i));
        }
        assertEquals(0, join(fx.mount.statfs(USER, fx.root)).freeBytes());
        join(fx.mount.cloneRange(USER, src, 0, dst, 0, 5000));
        assertEquals(address(src, 0), address(dst, 0));
        assertArrayEquals(source, fx.readAll(dst));
        assertEquals(4096L, (long) join(fx.mount.copyRange(USER, fill, 0, dst, 0, 4096)));
        byte[] expected = source.clone();
        System.arraycopy(pattern(MIN, 14), 0, expected, 0, MIN);
        assertArrayEquals(expected, fx.readAll(dst));
        assertArrayEquals(source, fx.readAll(src));
        assertEquals(0, join(fx.mount.statfs(USER, fx.root)).freeBytes());
        assertFails(VfsError.NOSPC, fx.mount.setattr(USER, dst, SetAttrs.NONE.withSize(8193), Guard.NONE));
    }

    private static byte[] readAll(VfsMount mount, FileHandle fh) {
        OpenFile open = join(mount.open(USER, fh, false));
        Attrs attrs = join(mount.getattr(USER, fh, AttrMask.ALL));
        ReadResult result = join(mount.read(USER, open, 0, (int) attrs.size()));
        try {
            return ByteBufUtil.getBytes(result.data());
        } finally {
            result.data().release();
            join(mount.close(open));
        }
    }

    private static long addressOf(VfsMount mount, FileHandle fh) {
        OpenFile open = join(mount.open(USER, fh, false));
        ReadResult r = join(mount.read(USER, open, 0, 1));
        try {
            return r.data().memoryAddress();
        } finally {
            r.data().release();
            join(mount.close(open));
        }
    }
}

package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.MountDriver.pattern;
import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.Arrays;

import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsError;
import org.junit.Test;

/** copyRange, and cloneRange where the backend declares CLONE; clone ranges are 64 KiB aligned. */
public class CopyCloneConformance extends ConformanceCase {

    private static final int UNIT = 65536;

    public CopyCloneConformance(BackendUnderTest backend) {
        super(backend);
    }

    private long copy(FileHandle src, long srcOffset, FileHandle dst, long dstOffset, long length) {
        return join(mount.copyRange(cred, src, srcOffset, dst, dstOffset, length));
    }

    @Test
    public void copyRangeCopiesTheBytesAndReturnsTheirCount() {
        byte[] data = pattern(100_000, 1);
        FileHandle src = fs.createFile(root, "src", data);
        FileHandle dst = fs.createFile(root, "dst");
        assertEquals(50_000, copy(src, 10, dst, 5, 50_000));
        byte[] expected = new byte[50_005];
        System.arraycopy(data, 10, expected, 5, 50_000);
        assertArrayEquals(expected, fs.readAll(dst));
        assertArrayEquals(data, fs.readAll(src));
    }

    @Test
    public void copyRangeOverwritesInsideTheDestination() {
        byte[] data = pattern(10_000, 2);
        byte[] old = pattern(30_000, 3);
        FileHandle src = fs.createFile(root, "src", data);
        FileHandle dst = fs.createFile(root, "dst", old);
        assertEquals(10_000, copy(src, 0, dst, 1000, 10_000));
        byte[] expected = old.clone();
        System.arraycopy(data, 0, expected, 1000, 10_000);
        assertArrayEquals(expected, fs.readAll(dst));
    }

    @Test
    public void copyRangeStopsAtTheSourcesEnd() {
        byte[] data = pattern(1000, 4);
        FileHandle src = fs.createFile(root, "src", data);
        FileHandle dst = fs.createFile(root, "dst");
        assertEquals(600, copy(src, 400, dst, 0, 1_000_000));
        assertArrayEquals(Arrays.copyOfRange(data, 400, 1000), fs.readAll(dst));
        assertEquals(0, copy(src, 1000, dst, 0, 100));
        assertEquals(0, copy(src, 5000, dst, 0, 100));
        assertEquals(600, fs.attrs(dst).size());
    }

    @Test
    public void copyRangeWithinOneFileNeedsRangesThatDoNotOverlap() {
        byte[] data = pattern(10_000, 5);
        FileHandle file = fs.createFile(root, "f", data);
        assertEquals(1000, copy(file, 0, file, 5000, 1000));
        byte[] expected = data.clone();
        System.arraycopy(data, 0, expected, 5000, 1000);
        assertArrayEquals(expected, fs.readAll(file));
        assertFails(VfsError.INVAL, mount.copyRange(cred, file, 0, file, 500, 1000));
    }

    @Test
    public void copyRangeOfADirectoryFailsIsdir() {
        FileHandle dir = fs.mkdir(root, "d");
        FileHandle file = fs.createFile(root, "f", new byte[10]);
        assertFails(VfsError.ISDIR, mount.copyRange(cred, dir, 0, file, 0, 10));
        assertFails(VfsError.ISDIR, mount.copyRange(cred, file, 0, dir, 0, 10));
    }

    @Test
    public void cloneRangeSharesAlignedRangesThatThenChangeApart() {
        requires(Capability.CLONE);
        byte[] data = pattern(4 * UNIT, 6);
        FileHandle src = fs.createFile(root, "src", data);
        FileHandle dst = fs.createFile(root, "dst");
        join(mount.cloneRange(cred, src, UNIT, dst, 0, 2L * UNIT));
        assertArrayEquals(Arrays.copyOfRange(data, UNIT, 3 * UNIT), fs.readAll(dst));
        fs.write(src, UNIT, pattern(100, 7));
        fs.write(dst, 10, pattern(100, 8));
        byte[] expectedDst = Arrays.copyOfRange(data, UNIT, 3 * UNIT);
        System.arraycopy(pattern(100, 8), 0, expectedDst, 10, 100);
        assertArrayEquals(expectedDst, fs.readAll(dst));
        byte[] expectedSrc = data.clone();
        System.arraycopy(pattern(100, 7), 0, expectedSrc, UNIT, 100);
        assertArrayEquals(expectedSrc, fs.readAll(src));
    }

    @Test
    public void cloneRangeOfAWholeFileMayEndUnaligned() {
        requires(Capability.CLONE);
        byte[] data = pattern(UNIT + 100, 9);
        FileHandle src = fs.createFile(root, "src", data);
        FileHandle dst = fs.createFile(root, "dst");
        join(mount.cloneRange(cred, src, 0, dst, 0, data.length));
        assertArrayEquals(data, fs.readAll(dst));
    }

    @Test
    public void cloneRangeOfUnalignedOffsetsFailsInval() {
        requires(Capability.CLONE);
        FileHandle src = fs.createFile(root, "src", pattern(4 * UNIT, 10));
        FileHandle dst = fs.createFile(root, "dst");
        assertFails(VfsError.INVAL, mount.cloneRange(cred, src, 100, dst, 0, UNIT));
        assertFails(VfsError.INVAL, mount.cloneRange(cred, src, 0, dst, 100, UNIT));
        assertEquals(0, fs.attrs(dst).size());
    }
}

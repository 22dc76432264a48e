package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.MountDriver.pattern;
import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.Whence;
import org.junit.Test;

/** allocate, deallocate and seek. Holes are laid out in whole MiB so any block size finds them. */
public class SpaceConformance extends ConformanceCase {

    private static final int MIB = 1 << 20;

    public SpaceConformance(BackendUnderTest backend) {
        super(backend);
    }

    private long seek(FileHandle fh, long offset, Whence whence) {
        return join(mount.seek(cred, fh, offset, whence));
    }

    @Test
    public void allocateExtendsTheSizeWithZerosAndReservesTheSpace() {
        FileHandle file = fs.createFile(root, "f");
        Attrs after = join(mount.allocate(cred, file, 0, 200_000)).after();
        assertEquals(200_000, after.size());
        assertEquals(200_000, fs.attrs(file).size());
        assertTrue("space used " + fs.attrs(file).spaceUsed(), fs.attrs(file).spaceUsed() >= 200_000);
        assertArrayEquals(new byte[200_000], fs.readAll(file));
    }

    @Test
    public void allocateInsideTheFileKeepsItsSizeAndData() {
        byte[] data = pattern(300_000, 1);
        FileHandle file = fs.createFile(root, "f", data);
        join(mount.allocate(cred, file, 1000, 100_000));
        assertEquals(300_000, fs.attrs(file).size());
        assertArrayEquals(data, fs.readAll(file));
    }

    @Test
    public void allocateOfNothingFailsInvalAndOfADirectoryFailsIsdir() {
        FileHandle file = fs.createFile(root, "f");
        assertFails(VfsError.INVAL, mount.allocate(cred, file, 0, 0));
        assertFails(VfsError.INVAL, mount.allocate(cred, file, -1, 10));
        assertFails(VfsError.ISDIR, mount.allocate(cred, fs.mkdir(root, "d"), 0, 10));
    }

    @Test
    public void deallocatePunchesAHoleThatReadsAsZerosAndKeepsTheSize() {
        requires(Capability.SPARSE);
        byte[] data = pattern(4 * MIB, 2);
        FileHandle file = fs.createFile(root, "f", data);
        long usedBefore = fs.attrs(file).spaceUsed();
        join(mount.deallocate(cred, file, MIB, 2 * MIB));
        byte[] expected = data.clone();
        Arrays.fill(expected, MIB, 3 * MIB, (byte) 0);
        assertEquals(4 * MIB, fs.attrs(file).size());
        assertArrayEquals(expected, fs.readAll(file));
        assertTrue("space used drops from " + usedBefore + " to " + fs.attrs(file).spaceUsed(),
                fs.attrs(file).spaceUsed() <= usedBefore - 2 * MIB);
    }

    @Test
    public void deallocateOfAnUnalignedRangeZeroesExactlyThatRange() {
        requires(Capability.SPARSE);
        byte[] data = pattern(300_000, 3);
        FileHandle file = fs.createFile(root, "f", data);
        join(mount.deallocate(cred, file, 1001, 100_003));
        byte[] expected = data.clone();
        Arrays.fill(expected, 1001, 101_004, (byte) 0);
        assertArrayEquals(expected, fs.readAll(file));
        join(mount.deallocate(cred, file, 250_000, 10 * MIB));
        Arrays.fill(expected, 250_000, 300_000, (byte) 0);
        assertEquals(300_000, fs.attrs(file).size());
        assertArrayEquals(expected, fs.readAll(file));
    }

    @Test
    public void seekFindsDataAndHoles() {
        requires(Capability.SPARSE);
        FileHandle file = fs.createFile(root, "f", pattern(MIB, 4));
        fs.write(file, 3L * MIB, pattern(MIB, 5));
        assertEquals(0, seek(file, 0, Whence.DATA));
        assertEquals(MIB, seek(file, 0, Whence.HOLE));
        assertEquals(3L * MIB, seek(file, MIB, Whence.DATA));
        assertEquals(3L * MIB, seek(file, 2L * MIB + 5, Whence.DATA));
        assertEquals(MIB + 10L, seek(file, MIB + 10L, Whence.HOLE));
        assertEquals(4L * MIB, seek(file, 3L * MIB, Whence.HOLE));
        assertEquals(3L * MIB + 7, seek(file, 3L * MIB + 7, Whence.DATA));
    }

    @Test
    public void seekDataInATrailingHoleFailsNxio() {
        requires(Capability.SPARSE);
        FileHandle file = fs.createFile(root, "f", pattern(MIB, 6));
        fs.setattr(file, SetAttrs.NONE.withSize(3L * MIB));
        assertEquals(MIB, seek(file, 0, Whence.HOLE));
        assertFails(VfsError.NXIO, mount.seek(cred, file, MIB, Whence.DATA));
    }

    @Test
    public void aFileWithoutHolesHasItsOnlyHoleAtTheEnd() {
        FileHandle file = fs.createFile(root, "f", pattern(100_000, 7));
        assertEquals(0, seek(file, 0, Whence.DATA));
        assertEquals(500, seek(file, 500, Whence.DATA));
        assertEquals(100_000, seek(file, 0, Whence.HOLE));
    }

    @Test
    public void seekAtOrPastTheEndFailsNxio() {
        FileHandle file = fs.createFile(root, "f", pattern(1000, 8));
        assertFails(VfsError.NXIO, mount.seek(cred, file, 1000, Whence.DATA));
        assertFails(VfsError.NXIO, mount.seek(cred, file, 1000, Whence.HOLE));
        assertFails(VfsError.NXIO, mount.seek(cred, file, 5000, Whence.DATA));
        FileHandle empty = fs.createFile(root, "empty");
        assertFails(VfsError.NXIO, mount.seek(cred, empty, 0, Whence.DATA));
    }
}

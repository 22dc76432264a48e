package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.MountDriver.buffer;
import static io.manticore.vfs.conformance.MountDriver.pattern;
import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import io.manticore.api.vfs.Committed;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.TimeSpec;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.WriteResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.Test;

/** read, write and commit: offsets, holes, EOF, buffer ownership. */
public class ReadWriteConformance extends ConformanceCase {

    public ReadWriteConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    public void whatIsWrittenIsReadBackByteForByte() {
        byte[] data = pattern((1 << 20) + 7, 1);
        FileHandle file = fs.createFile(root, "f", data);
        assertEquals(data.length, fs.attrs(file).size());
        assertArrayEquals(data, fs.readAll(file));
        assertArrayEquals(Arrays.copyOfRange(data, 65_530, 200_000), fs.read(file, 65_530, 200_000 - 65_530));
    }

    @Test
    public void aWriteAtAnOffsetOverlaysEarlierData() {
        byte[] data = pattern(200_000, 2);
        FileHandle file = fs.createFile(root, "f", data);
        byte[] patch = pattern(70_000, 3);
        fs.write(file, 65_000, patch);
        byte[] expected = data.clone();
        System.arraycopy(patch, 0, expected, 65_000, patch.length);
        assertArrayEquals(expected, fs.readAll(file));
        assertEquals(200_000, fs.attrs(file).size());
    }

    @Test
    public void aWritePastTheEndLeavesAHoleThatReadsAsZeros() {
        FileHandle file = fs.createFile(root, "f", new byte[] {1, 2, 3});
        byte[] tail = pattern(1000, 4);
        fs.write(file, 500_000, tail);
        byte[] expected = new byte[501_000];
        expected[0] = 1;
        expected[1] = 2;
        expected[2] = 3;
        System.arraycopy(tail, 0, expected, 500_000, tail.length);
        assertEquals(501_000, fs.attrs(file).size());
        assertArrayEquals(expected, fs.readAll(file));
        assertArrayEquals(new byte[4096], fs.read(file, 200_000, 4096));
    }

    @Test
    public void aReadEndingAtTheEndReportsEofAndOneBeforeDoesNot() {
        FileHandle file = fs.createFile(root, "f", pattern(1000, 5));
        OpenFile open = fs.open(file);
        try {
            ReadResult exact = join(mount.read(cred, open, 0, 1000));
            ReadResult before = join(mount.read(cred, open, 0, 999));
            try {
                assertEquals(1000, exact.data().readableBytes());
                assertTrue(exact.eof());
                assertEquals(999, before.data().readableBytes());
                assertFalse(before.eof());
                assertEquals(1000, exact.attrs().size());
            } finally {
                exact.data().release();
                before.data().release();
            }
        } finally {
            fs.close(open);
        }
    }

    @Test
    public void aReadPastTheEndReturnsWhatThereIsWithEof() {
        byte[] data = pattern(1000, 6);
        FileHandle file = fs.createFile(root, "f", data);
        OpenFile open = fs.open(file);
        try {
            ReadResult across = join(mount.read(cred, open, 900, 500));
            ReadResult at = join(mount.read(cred, open, 1000, 10));
            ReadResult beyond = join(mount.read(cred, open, 5000, 10));
            try {
                assertArrayEquals(Arrays.copyOfRange(data, 900, 1000), ByteBufUtil.getBytes(across.data()));
                assertTrue(across.eof());
                assertEquals(0, at.data().readableBytes());
                assertTrue(at.eof());
                assertEquals(0, beyond.data().readableBytes());
                assertTrue(beyond.eof());
            } finally {
                across.data().release();
                at.data().release();
                beyond.data().release();
            }
        } finally {
            fs.close(open);
        }
    }

    @Test
    public void aReadOfAnEmptyFileReturnsNothingWithEof() {
        FileHandle file = fs.createFile(root, "f");
        OpenFile open = fs.open(file);
        try {
            ReadResult result = join(mount.read(cred, open, 0, 100));
            try {
                assertEquals(0, result.data().readableBytes());
                assertTrue(result.eof());
            } finally {
                result.data().release();
            }
        } finally {
            fs.close(open);
        }
    }

    @Test
    public void aWriteReportsItsCountAndVerifierWhichCommitRepeats() {
        FileHandle file = fs.createFile(root, "f");
        OpenFile open = fs.open(file);
        WriteResult written;
        try {
            written = join(mount.write(cred, open, 0, buffer(pattern(5000, 7)), Stability.UNSTABLE));
        } finally {
            fs.close(open);
        }
        assertEquals(5000, written.count());
        assertEquals(5000, written.wcc().after().size());
        Committed committed = join(mount.commit(cred, file, 0, 0));
        assertEquals(written.verifier(), committed.verifier());
        assertEquals(5000, committed.wcc().after().size());
        assertArrayEquals(pattern(5000, 7), fs.readAll(file));
    }

    @Test
    public void aFileSyncWriteIsReportedAtLeastFileSync() {
        FileHandle file = fs.createFile(root, "f");
        OpenFile open = fs.open(file);
        try {
            WriteResult written = join(mount.write(cred, open, 0, buffer(new byte[] {1}), Stability.FILE_SYNC));
            assertEquals(Stability.FILE_SYNC, written.stability());
        } finally {
            fs.close(open);
        }
    }

    @Test
    public void aWriteReleasesTheBufferItTookWhetherItSucceedsOrFails() {
        FileHandle file = fs.createFile(root, "f");
        OpenFile open = fs.open(file);
        try {
            ByteBuf good = buffer(new byte[] {1, 2, 3});
            join(mount.write(cred, open, 0, good, Stability.FILE_SYNC));
            assertEquals(0, good.refCnt());
            ByteBuf bad = buffer(new byte[] {4, 5, 6});
            assertFails(VfsError.INVAL, mount.write(cred, open, -1, bad, Stability.FILE_SYNC));
            assertEquals(0, bad.refCnt());
        } finally {
            fs.close(open);
        }
        assertArrayEquals(new byte[] {1, 2, 3}, fs.readAll(file));
    }

    @Test
    public void anEmptyWriteChangesNothing() {
        FileHandle file = fs.createFile(root, "f", new byte[] {9});
        OpenFile open = fs.open(file);
        try {
            assertEquals(0, join(mount.write(cred, open, 100, buffer(new byte[0]), Stability.FILE_SYNC)).count());
        } finally {
            fs.close(open);
        }
        assertEquals(1, fs.attrs(file).size());
    }

    @Test
    public void aWriteMovesTheMtimeAndTheChangeCounter() {
        FileHandle file = fs.createFile(root, "f");
        long old = 1_500_000_000_000_000_000L;
        fs.setattr(file, SetAttrs.NONE.withTimes(null, TimeSpec.of(old)));
        long change = fs.attrs(file).change();
        fs.write(file, 0, new byte[] {1});
        assertTrue(fs.attrs(file).mtime() > old);
        assertTrue(fs.attrs(file).change() > change);
    }

    @Test
    public void aReadAtANegativeOffsetFailsInval() {
        FileHandle file = fs.createFile(root, "f", new byte[] {1});
        OpenFile open = fs.open(file);
        try {
            assertFails(VfsError.INVAL, mount.read(cred, open, -1, 10));
        } finally {
            fs.close(open);
        }
    }

    @Test
    public void twoOpenFilesOfOneFileSeeEachOthersWrites() {
        FileHandle file = fs.createFile(root, "f");
        OpenFile first = fs.open(file);
        OpenFile second = fs.open(file);
        try {
            join(mount.write(cred, first, 0, buffer(new byte[] {1, 2}), Stability.FILE_SYNC));
            assertArrayEquals(new byte[] {1, 2}, fs.read(second, 0, 10));
        } finally {
            fs.close(first);
            fs.close(second);
        }
    }
}

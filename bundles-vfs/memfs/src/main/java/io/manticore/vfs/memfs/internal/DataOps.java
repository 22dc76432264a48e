package io.manticore.vfs.memfs.internal;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Committed;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.Wcc;
import io.manticore.api.vfs.Whence;
import io.manticore.api.vfs.WriteResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** File data: read, write, space reservation and holes, copies and clones. */
final class DataOps {

    private DataOps() {
    }

    /** Up to {@code length} bytes at {@code offset}; the result's buffer belongs to the caller. */
    static ReadResult read(Inode inode, long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new VfsException(VfsError.INVAL, "read of " + length + " bytes at " + offset);
        }
        Attrs attrs = inode.attrs();
        long size = inode.data.size();
        if (offset >= size) {
            return new ReadResult(Unpooled.EMPTY_BUFFER, true, attrs);
        }
        int n = (int) Math.min(length, size - offset);
        ByteBuf data = n == 0 ? Unpooled.EMPTY_BUFFER : inode.data.read(offset, n);
        return new ReadResult(data, offset + n >= size, attrs);
    }

    /** Writes {@code data} at {@code offset}; the caller releases {@code data}. Always FILE_SYNC: RAM is all there is. */
    static WriteResult write(Filesystem fs, Inode inode, long offset, ByteBuf data) {
        int n = data.readableBytes();
        long end = checkRange(offset, n);
        Attrs before = inode.attrs();
        if (n == 0) {
            return new WriteResult(0, Stability.FILE_SYNC, fs.writeVerifier, new Wcc(before, before));
        }
        fs.space.ensure(inode.data.growth(offset, end));
        inode.data.write(offset, data);
        inode.dataChanged(fs.clock.now());
        return new WriteResult(n, Stability.FILE_SYNC, fs.writeVerifier, new Wcc(before, inode.attrs()));
    }

    static Committed commit(Filesystem fs, FileHandle fh) {
        Attrs attrs = fs.regular(fh).attrs();
        return new Committed(fs.writeVerifier, new Wcc(attrs, attrs));
    }

    static Wcc allocate(Filesystem fs, FileHandle fh, long offset, long length) {
        Inode inode = fs.regular(fh);
        long end = checkRange(offset, length);
        if (length == 0) {
            throw new VfsException(VfsError.INVAL, "allocate of 0 bytes");
        }
        Attrs before = inode.attrs();
        fs.space.ensure(inode.data.growth(offset, end));
        long sizeBefore = inode.data.size();
        inode.data.materialize(offset, end);
        long now = fs.clock.now();
        if (inode.data.size() != sizeBefore) {
            inode.dataChanged(now);
        } else {
            inode.statusChanged(now);
        }
        return new Wcc(before, inode.attrs());
    }

    static Wcc deallocate(Filesystem fs, FileHandle fh, long offset, long length) {
        Inode inode = fs.regular(fh);
        long end = checkRange(offset, length);
        if (length == 0) {
            throw new VfsException(VfsError.INVAL, "deallocate of 0 bytes");
        }
        Attrs before = inode.attrs();
        inode.data.punch(offset, end);
        inode.dataChanged(fs.clock.now());
        return new Wcc(before, inode.attrs());
    }

    static long seek(Filesystem fs, FileHandle fh, long offset, Whence whence) {
        Inode inode = fs.regular(fh);
        if (offset < 0) {
            throw new VfsException(VfsError.INVAL, "seek to " + offset);
        }
        if (offset >= inode.data.size()) {
            throw new VfsException(VfsError.NXIO, "seek at or past the end");
        }
        long found = whence == Whence.DATA ? inode.data.nextData(offset) : inode.data.nextHole(offset);
        if (found < 0) {
            throw new VfsException(VfsError.NXIO, "no data at or after " + offset);
        }
        return found;
    }

    /** Copies up to {@code length} bytes, clipped at the source's end; returns the bytes copied. */
    static long copyRange(Filesystem fs, FileHandle srcFh, long srcOffset, FileHandle dstFh, long dstOffset,
                          long length) {
        Inode src = fs.regular(srcFh);
        Inode dst = fs.regular(dstFh);
        checkOffsets(srcOffset, dstOffset, length);
        long n = Math.max(0, Math.min(length, src.data.size() - srcOffset));
        transfer(fs, src, srcOffset, dst, dstOffset, n);
        return n;
    }

    /** Shares the blocks of a block-aligned range (or one that reaches the source's end). */
    static Wcc cloneRange(Filesystem fs, FileHandle srcFh, long srcOffset, FileHandle dstFh, long dstOffset,
                          long length) {
        Inode src = fs.regular(srcFh);
        Inode dst = fs.regular(dstFh);
        checkOffsets(srcOffset, dstOffset, length);
        long srcSize = src.data.size();
        if (srcOffset > srcSize) {
            throw new VfsException(VfsError.INVAL, "clone from " + srcOffset + " past the end " + srcSize);
        }
        boolean reachesEnd = length >= srcSize - srcOffset;
        if (Blocks.within(srcOffset) != 0 || Blocks.within(dstOffset) != 0
                || (Blocks.within(length) != 0 && !reachesEnd)) {
            throw new VfsException(VfsError.INVAL, "clone ranges must be aligned to " + Blocks.SIZE + " bytes");
        }
        Attrs before = dst.attrs();
        transfer(fs, src, srcOffset, dst, dstOffset, Math.min(length, srcSize - srcOffset));
        return new Wcc(before, dst.attrs());
    }

    private static void transfer(Filesystem fs, Inode src, long srcOffset, Inode dst, long dstOffset, long n) {
        long dstEnd = checkRange(dstOffset, n);
        if (src == dst && n > 0 && srcOffset < dstEnd && dstOffset < srcOffset + n) {
            throw new VfsException(VfsError.INVAL, "overlapping ranges in one file");
        }
        if (n == 0) {
            return;
        }
        fs.space.ensure(dst.data.copyGrowth(src.data, srcOffset, dstOffset, n));
        dst.data.copyFrom(src.data, srcOffset, dstOffset, n);
        dst.dataChanged(fs.clock.now());
    }

    private static void checkOffsets(long srcOffset, long dstOffset, long length) {
        if (srcOffset < 0 || dstOffset < 0 || length < 0) {
            throw new VfsException(VfsError.INVAL, "copy of " + length + " bytes from " + srcOffset + " to " + dstOffset);
        }
    }

    /** The end of {@code [offset, offset + length)}; INVAL for negatives, FBIG past the largest file. */
    private static long checkRange(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new VfsException(VfsError.INVAL, "range of " + length + " bytes at " + offset);
        }
        if (length > Blocks.MAX_FILE_SIZE - offset) {
            throw new VfsException(VfsError.FBIG, "range ends past " + Blocks.MAX_FILE_SIZE);
        }
        return offset + length;
    }
}

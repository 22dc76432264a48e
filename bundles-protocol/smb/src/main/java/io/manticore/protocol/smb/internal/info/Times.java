package io.manticore.protocol.smb.internal.info;

import io.manticore.api.vfs.Attrs;
import io.manticore.protocol.smb.internal.wire.FileTime;
import io.netty.buffer.ByteBuf;

/** The four FILETIMEs most information classes start with: creation, last access, last write, change. */
public final class Times {

    private Times() {
    }

    public static void write(ByteBuf out, Attrs attrs) {
        long birth = attrs.birthtime() != 0 ? attrs.birthtime() : Math.min(attrs.mtime(), attrs.ctime());
        out.writeLongLE(FileTime.fromNanos(birth));
        out.writeLongLE(FileTime.fromNanos(attrs.atime()));
        out.writeLongLE(FileTime.fromNanos(attrs.mtime()));
        out.writeLongLE(FileTime.fromNanos(attrs.ctime()));
    }

    /** Bytes the file takes on disk, rounded to whole 4 KiB clusters as the volume reports them. */
    public static long allocation(Attrs attrs) {
        return attrs.isDirectory() ? 0 : (Math.max(attrs.spaceUsed(), attrs.size()) + 4095) & ~4095L;
    }
}

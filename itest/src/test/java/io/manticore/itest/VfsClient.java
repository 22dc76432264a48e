package io.manticore.itest;

import java.util.Random;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.Vfs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** A VFS client's few moves, done the way a protocol does them. */
final class VfsClient {

    private VfsClient() {
    }

    static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static FileHandle create(Vfs vfs, FileHandle dir, String name, byte[] content) {
        FileHandle fh = vfs.openAt(Cred.ROOT, dir, name, OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.mode(0644), AttrMask.ALL)
                .toCompletableFuture().join().file().handle();
        int off = 0;
        while (off < content.length) {
            int n = Math.min(64 * 1024 + 17, content.length - off);
            vfs.write(Cred.ROOT, fh, off, Unpooled.copiedBuffer(content, off, n), Stability.FILE_SYNC).toCompletableFuture().join();
            off += n;
        }
        return fh;
    }

    static byte[] read(Vfs vfs, FileHandle fh, int size) {
        byte[] out = new byte[size];
        int off = 0;
        while (off < size) {
            ReadResult r = vfs.read(Cred.ROOT, fh, off, Math.min(128 * 1024, size - off)).toCompletableFuture().join();
            ByteBuf data = r.data();
            try {
                if (data.readableBytes() == 0) {
                    throw new AssertionError("short read at " + off + " of " + size);
                }
                int n = data.readableBytes();
                data.getBytes(data.readerIndex(), out, off, n);
                off += n;
            } finally {
                data.release();
            }
        }
        return out;
    }

    static String hex(byte[] b) {
        return ByteBufUtil.hexDump(b, 0, Math.min(16, b.length));
    }
}

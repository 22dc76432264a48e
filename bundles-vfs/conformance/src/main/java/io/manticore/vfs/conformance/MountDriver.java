package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.DirPage;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsMount;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

/** Short ways to drive a mount as one caller, each waiting for the answer. */
public final class MountDriver {

    private final VfsMount mount;
    private final Cred cred;

    MountDriver(VfsMount mount, Cred cred) {
        this.mount = mount;
        this.cred = cred;
    }

    public FileHandle mkdir(FileHandle dir, String name) {
        return join(mount.mkdir(cred, dir, name, SetAttrs.NONE)).fh();
    }

    /** A new empty regular file. */
    public FileHandle createFile(FileHandle dir, String name) {
        OpenFile file = join(mount.openAt(cred, dir, name, OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.NONE,
                AttrMask.ALL)).file();
        join(mount.close(file));
        return file.handle();
    }

    /** A new regular file holding {@code content}. */
    public FileHandle createFile(FileHandle dir, String name, byte[] content) {
        FileHandle fh = createFile(dir, name);
        write(fh, 0, content);
        return fh;
    }

    public OpenFile open(FileHandle fh) {
        return join(mount.open(cred, fh, true));
    }

    public void close(OpenFile file) {
        join(mount.close(file));
    }

    /** Writes all of {@code data} at {@code offset} through a file opened for it. */
    public void write(FileHandle fh, long offset, byte[] data) {
        OpenFile file = open(fh);
        try {
            assertEquals("bytes written", data.length,
                    join(mount.write(cred, file, offset, buffer(data), Stability.FILE_SYNC)).count());
        } finally {
            close(file);
        }
    }

    /** The bytes one read of {@code length} at {@code offset} returns. */
    public byte[] read(FileHandle fh, long offset, int length) {
        OpenFile file = open(fh);
        try {
            return read(file, offset, length);
        } finally {
            close(file);
        }
    }

    /** The bytes one read on an open file returns, its buffer released. */
    public byte[] read(OpenFile file, long offset, int length) {
        ReadResult result = join(mount.read(cred, file, offset, length));
        try {
            return ByteBufUtil.getBytes(result.data());
        } finally {
            result.data().release();
        }
    }

    /** The whole content, read in reads of at most 1 MiB until EOF. */
    public byte[] readAll(FileHandle fh) {
        OpenFile file = open(fh);
        try {
            ByteBuf all = PooledByteBufAllocator.DEFAULT.heapBuffer();
            try {
                long offset = 0;
                while (true) {
                    ReadResult result = join(mount.read(cred, file, offset, 1 << 20));
                    try {
                        offset += result.data().readableBytes();
                        all.writeBytes(result.data());
                    } finally {
                        result.data().release();
                    }
                    if (result.eof()) {
                        return ByteBufUtil.getBytes(all);
                    }
                }
            } finally {
                all.release();
            }
        } finally {
            close(file);
        }
    }

    public Attrs attrs(FileHandle fh) {
        return join(mount.getattr(cred, fh, AttrMask.ALL));
    }

    public FileHandle lookup(FileHandle dir, String name) {
        return join(mount.lookup(cred, dir, name, AttrMask.ALL)).fh();
    }

    public void setattr(FileHandle fh, SetAttrs set) {
        join(mount.setattr(cred, fh, set, Guard.NONE));
    }

    /** Every entry of {@code dir}, paging {@code pageSize} entries at a time from cookie 0. */
    public List<DirEntry> list(FileHandle dir, int pageSize) {
        List<DirEntry> entries = new ArrayList<>();
        long cookie = 0;
        long verifier = 0;
        while (true) {
            DirPage page = join(mount.readdir(cred, dir, cookie, verifier, pageSize, AttrMask.ALL));
            if (page.entries().size() > pageSize) {
                throw new AssertionError("a page of " + page.entries().size() + " entries for at most " + pageSize);
            }
            for (DirEntry entry : page.entries()) {
                entries.add(entry);
                cookie = entry.cookie();
            }
            verifier = page.verifier();
            if (page.eof()) {
                return entries;
            }
            if (page.entries().isEmpty()) {
                throw new AssertionError("an empty page that is not the last");
            }
        }
    }

    /** The names of every entry of {@code dir}, in listing order. */
    public List<String> names(FileHandle dir, int pageSize) {
        List<String> names = new ArrayList<>();
        for (DirEntry entry : list(dir, pageSize)) {
            names.add(entry.name());
        }
        return names;
    }

    /** A pooled direct buffer holding {@code data}, for a write to take. */
    public static ByteBuf buffer(byte[] data) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(1, data.length));
        buf.writeBytes(data);
        return buf;
    }

    /** {@code length} bytes that differ with {@code seed} and with position. */
    public static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed * 7 + (i >>> 8) + 1);
        }
        return bytes;
    }
}

package io.manticore.vfs.linux.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.CreateMode;
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
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

/** A linux mount of a host folder for a test, with short ways to call it and wait. */
final class HostMount {

    static final MountId MOUNT_ID = MountId.forName("data");

    private HostMount() {
    }

    /** A new mount of {@code folder}, as the server mounts it. */
    static VfsMount of(Path folder) {
        return new LinuxModule(Path.of("/"), Identity.forProcess())
                .mount(new MountSpec("data", MOUNT_ID, folder.toString(), Map.of()), null);
    }

    static <T> T join(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** The error a stage fails with; an AssertionError when it succeeds. */
    static VfsError error(CompletionStage<?> stage) throws Exception {
        try {
            join(stage);
        } catch (VfsException e) {
            return e.error();
        }
        throw new AssertionError("expected a failure");
    }

    /** A new file {@code name} of mode 0644 holding {@code content}, written as {@code cred}. */
    static FileHandle write(VfsMount mount, Cred cred, FileHandle dir, String name, byte[] content) throws Exception {
        OpenFile file = join(mount.openAt(cred, dir, name, OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.mode(0644),
                AttrMask.ALL)).file();
        try {
            join(mount.write(cred, file, 0, PooledByteBufAllocator.DEFAULT.directBuffer(content.length).writeBytes(content),
                    Stability.FILE_SYNC));
        } finally {
            join(mount.close(file));
        }
        return file.handle();
    }

    /** What one read of {@code length} at {@code offset} answers, its buffer released. */
    static byte[] read(VfsMount mount, Cred cred, FileHandle fh, long offset, int length) throws Exception {
        OpenFile file = join(mount.open(cred, fh, false));
        try {
            ReadResult result = join(mount.read(cred, file, offset, length));
            try {
                return ByteBufUtil.getBytes(result.data());
            } finally {
                result.data().release();
            }
        } finally {
            join(mount.close(file));
        }
    }
}

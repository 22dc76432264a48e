package io.manticore.core.internal.vfs;

import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.manticore.api.config.MountConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.config.ServerSettings;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.VfsModule;
import io.manticore.core.internal.lease.CoreLeaseManager;
import io.manticore.core.internal.runtime.CoreScheduler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

/** A core VFS built without OSGi, with helpers to drive it and wait for answers. */
final class VfsFixture implements AutoCloseable {

    static final Cred ROOT = Cred.ROOT;
    static final Cred ALICE = new Cred(1000, 1000, new int[] {100});
    static final Cred BOB = new Cred(1001, 1001, new int[0]);

    final CoreScheduler scheduler = new CoreScheduler();
    final CoreLeaseManager leases = new CoreLeaseManager();
    final VfsCore core;
    final Vfs vfs;
    private final Map<String, MountConfig> mounts = new LinkedHashMap<>();
    private ServerSettings settings;

    VfsFixture() {
        this(settings(4, 2000, 64));
    }

    VfsFixture(ServerSettings settings) {
        this.settings = settings;
        this.core = new VfsCore(scheduler, settings, leases);
        this.vfs = core.vfs();
    }

    static ServerSettings settings(int delegationThreads, long suspendTimeoutMillis, int maxSuspendedCalls) {
        return new ServerSettings(0, delegationThreads, suspendTimeoutMillis, maxSuspendedCalls, 10_000, 10_000, 256,
                60_000, false, 90);
    }

    static MountConfig memfs(String module) {
        return new MountConfig(module, "/", Map.of("size", "64m"));
    }

    void bind(VfsModule module) {
        core.moduleBound(module, "test.bundle." + module.name(), "1.0.0");
    }

    void unbind(VfsModule module) {
        core.moduleUnbound(module);
    }

    /** Configures {@code name} on {@code module} besides the mounts configured before. */
    void mount(String name, MountConfig config) {
        mounts.put(name, config);
        apply();
    }

    void unmountConfigured(String name) {
        mounts.remove(name);
        apply();
    }

    void applySettings(ServerSettings newSettings) {
        settings = newSettings;
        apply();
    }

    private void apply() {
        core.configApplied(new ServerConfig(settings, List.of(), mounts, Map.of(), Map.of(), Map.of(), List.of(),
                List.of(), S3Settings.DEFAULTS, null));
    }

    FileHandle root(String mount) {
        return vfs.root(mount);
    }

    @Override
    public void close() {
        core.close();
        leases.close();
        scheduler.close();
    }

    // --- waiting for answers

    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VfsException vfs) {
                throw new AssertionError("failed " + vfs.error() + ": " + vfs.getMessage(), vfs);
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** The error the stage failed with; fails the test when it succeeds. */
    static VfsError error(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
            fail("expected a failure, got " + value);
            return null;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof VfsException)) {
                throw new AssertionError("not a VfsException", e.getCause());
            }
            return ((VfsException) e.getCause()).error();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    // --- files

    static ByteBuf buffer(byte[] bytes) {
        return PooledByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Creates {@code name} in {@code dir} as {@code cred} with {@code content}. */
    FileHandle createFile(Cred cred, FileHandle dir, String name, byte[] content) {
        FileHandle fh = join(vfs.openAt(cred, dir, name, OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.mode(0644),
                AttrMask.ALL)).file().handle();
        if (content.length > 0) {
            join(vfs.write(cred, fh, 0, buffer(content), Stability.FILE_SYNC));
        }
        return fh;
    }

    FileHandle mkdir(Cred cred, FileHandle dir, String name, int mode) {
        return join(vfs.mkdir(cred, dir, name, SetAttrs.mode(mode))).fh();
    }

    /** Reads {@code length} bytes at 0 as {@code cred}, releasing the buffer. */
    byte[] read(Cred cred, FileHandle fh, int length) {
        ReadResult result = join(vfs.read(cred, fh, 0, length));
        try {
            return ByteBufUtil.getBytes(result.data());
        } finally {
            result.data().release();
        }
    }
}

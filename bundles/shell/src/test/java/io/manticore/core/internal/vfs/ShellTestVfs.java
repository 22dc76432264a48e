package io.manticore.core.internal.vfs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.manticore.api.config.MountConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Vfs;
import io.manticore.core.internal.runtime.CoreScheduler;
import io.manticore.vfs.memfs.internal.MemfsModule;

/**
 * Core's real VFS over one memfs mount {@value #MOUNT}, for the shell's tests, with helpers
 * that build a tree as root. Paths are namespace paths ({@code /mem/a/b}).
 */
public final class ShellTestVfs implements AutoCloseable {

    public static final String MOUNT = "mem";
    private static final long TIMEOUT_SECONDS = 30;

    private final CoreScheduler scheduler = new CoreScheduler();
    private final VfsCore core = new VfsCore(scheduler, VfsCore.DEFAULT_SETTINGS);

    public ShellTestVfs() {
        core.moduleBound(new MemfsModule(), "test", "1");
        core.configApplied(new ServerConfig(VfsCore.DEFAULT_SETTINGS, List.of(),
                Map.of(MOUNT, new MountConfig("memfs", "/", Map.of("size", "64m"))), Map.of(), Map.of(), Map.of(),
                List.of(), List.of(), S3Settings.DEFAULTS, null));
    }

    public Vfs vfs() {
        return core.vfs();
    }

    /** The folder {@code path}, making those of its folders that are missing. */
    public FileHandle mkdirs(String path) {
        FileHandle dir = vfs().root(MOUNT);
        for (String name : names(path)) {
            FileHandle parent = dir;
            dir = await(vfs().lookup(Cred.ROOT, parent, name, AttrMask.NONE).handle((found, failure) -> failure == null
                    ? found.fh() : await(vfs().mkdir(Cred.ROOT, parent, name, SetAttrs.mode(0755))).fh()));
        }
        return dir;
    }

    /** A new regular file {@code path} of {@code size} bytes (a hole), making its folders. */
    public FileHandle file(String path, long size) {
        FileHandle fh = await(vfs().openAt(Cred.ROOT, parentOf(path), nameOf(path), OpenFlags.create(CreateMode.CREATE_NEW),
                SetAttrs.mode(0644), AttrMask.NONE)).file().handle();
        if (size > 0) {
            await(vfs().setattr(Cred.ROOT, fh, SetAttrs.NONE.withSize(size), Guard.NONE));
        }
        return fh;
    }

    /** A new symlink {@code path} to {@code target}, making its folders. */
    public void symlink(String path, String target) {
        await(vfs().symlink(Cred.ROOT, parentOf(path), nameOf(path), target, SetAttrs.mode(0777)));
    }

    /** The stage's value, failing the test after {@value #TIMEOUT_SECONDS} s or with the stage's failure. */
    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        core.close();
        scheduler.close();
    }

    private FileHandle parentOf(String path) {
        return mkdirs(path.substring(0, path.lastIndexOf('/')));
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static List<String> names(String path) {
        String prefix = "/" + MOUNT;
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            throw new IllegalArgumentException(path + " is not under " + prefix);
        }
        return List.of(path.substring(prefix.length()).split("/")).stream().filter(n -> !n.isEmpty()).toList();
    }
}

package io.manticore.core.internal.vfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.manticore.api.config.BucketConfig;
import io.manticore.api.config.ConfigService;
import io.manticore.api.config.MountConfig;
import io.manticore.api.config.S3KeyConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.config.ShareConfig;
import io.manticore.api.config.SmbSettings;
import io.manticore.api.config.UserConfig;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.Vfs;
import io.manticore.core.internal.lease.CoreLeaseManager;
import io.manticore.core.internal.runtime.CoreScheduler;
import io.manticore.vfs.memfs.internal.MemfsModule;
import io.netty.buffer.Unpooled;

/**
 * Core's real VFS with a memfs mount {@value #MOUNT}, for the tests of protocols and the shell,
 * and a configuration (buckets, users, access keys, S3 settings) that tests change as they go.
 * Paths given to the helpers are namespace paths ({@code /mem/a/b}).
 */
public final class TestVfs implements AutoCloseable {

    public static final String MOUNT = "mem";
    private static final long TIMEOUT_SECONDS = 30;

    private final CoreScheduler scheduler = new CoreScheduler();
    private final CoreLeaseManager leases = new CoreLeaseManager();
    private final VfsCore core = new VfsCore(scheduler, VfsCore.DEFAULT_SETTINGS, leases);
    private final Map<String, BucketConfig> buckets = new LinkedHashMap<>();
    private final List<UserConfig> users = new ArrayList<>();
    private final List<S3KeyConfig> keys = new ArrayList<>();
    private final Map<String, ShareConfig> shares = new LinkedHashMap<>();
    private volatile S3Settings s3 = S3Settings.DEFAULTS;
    private volatile SmbSettings smb = SmbSettings.DEFAULTS;
    private volatile ServerConfig current;
    private long generation;

    public TestVfs() {
        core.moduleBound(new MemfsModule(), "test", "1");
        apply();
    }

    public Vfs vfs() {
        return core.vfs();
    }

    /** The lease manager whose leases the VFS breaks. */
    public CoreLeaseManager leases() {
        return leases;
    }

    /** A configuration service that always answers the configuration as the tests set it last. */
    public ConfigService configService() {
        return new ConfigService() {
            @Override
            public ServerConfig current() {
                return current;
            }

            @Override
            public long generation() {
                return generation;
            }

            @Override
            public Path home() {
                return Path.of(".");
            }

            @Override
            public Path varDirectory() {
                return Path.of("var");
            }
        };
    }

    public ServerConfig config() {
        return current;
    }

    /** Configures bucket {@code name} over the namespace folder {@code path} (which must exist to be opened). */
    public TestVfs bucket(String name, String path, boolean publicRead) {
        buckets.put(name, new BucketConfig(path, publicRead));
        apply();
        return this;
    }

    /** Configures SMB share {@code name} over the namespace folder {@code path}. */
    public TestVfs share(String name, String path, boolean readOnly) {
        shares.put(name, new ShareConfig(path, readOnly, "share " + name));
        apply();
        return this;
    }

    public TestVfs smb(SmbSettings settings) {
        smb = settings;
        apply();
        return this;
    }

    /** Adds the user {@code name}, whose password is {@code "secret-" + name}. */
    public TestVfs user(String name, int uid, int gid) {
        users.add(new UserConfig(name, "secret-" + name, null, uid, gid, List.of(), false));
        apply();
        return this;
    }

    public TestVfs accessKey(S3KeyConfig key) {
        keys.add(key);
        apply();
        return this;
    }

    public TestVfs s3(S3Settings settings) {
        s3 = settings;
        apply();
        return this;
    }

    /** The handle of a namespace path, as root. */
    public FileHandle resolve(String path) {
        return await(vfs().resolve(Cred.ROOT, path)).fh();
    }

    /** The folder {@code path}, making those of its folders that are missing as root, mode 0755. */
    public FileHandle mkdirs(String path) {
        return mkdirs(Cred.ROOT, path);
    }

    /** Makes the folders of {@code path} that are missing, as {@code cred}, mode 0755; returns the last. */
    public FileHandle mkdirs(Cred cred, String path) {
        FileHandle dir = vfs().root(MOUNT);
        for (String name : relative(path)) {
            FileHandle parent = dir;
            dir = await(vfs().lookup(cred, parent, name, AttrMask.NONE).handle((found, failure) -> failure == null
                    ? found.fh() : await(vfs().mkdir(cred, parent, name, SetAttrs.mode(0755))).fh()));
        }
        return dir;
    }

    /** Writes a new file {@code path} as {@code cred}, mode 0644, making its folders. */
    public FileHandle write(Cred cred, String path, byte[] content) {
        FileHandle fh = create(cred, path);
        if (content.length > 0) {
            await(vfs().write(cred, fh, 0, Unpooled.copiedBuffer(content), Stability.FILE_SYNC));
        }
        return fh;
    }

    /** A new regular file {@code path} of {@code size} bytes (a hole) made as root, making its folders. */
    public FileHandle file(String path, long size) {
        FileHandle fh = create(Cred.ROOT, path);
        if (size > 0) {
            await(vfs().setattr(Cred.ROOT, fh, SetAttrs.NONE.withSize(size), Guard.NONE));
        }
        return fh;
    }

    /** A new symlink {@code path} to {@code target} made as root, making its folders. */
    public void symlink(String path, String target) {
        await(vfs().symlink(Cred.ROOT, mkdirs(parentOf(path)), nameOf(path), target, SetAttrs.mode(0777)));
    }

    /** The stage's value, failing the test with its failure's cause after {@value #TIMEOUT_SECONDS} s. */
    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** The failure of a stage that must fail (unwrapped), or an AssertionError when it succeeds. */
    public static Throwable failure(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        core.close();
        leases.close();
        scheduler.close();
    }

    private FileHandle create(Cred cred, String path) {
        FileHandle dir = mkdirs(cred, parentOf(path));
        return await(vfs().openAt(cred, dir, nameOf(path), OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.mode(0644),
                AttrMask.ALL)).file().handle();
    }

    private void apply() {
        Map<String, MountConfig> mounts = Map.of(MOUNT, new MountConfig("memfs", "/", Map.of("size", "256m")));
        ServerConfig config = new ServerConfig(VfsCore.DEFAULT_SETTINGS, List.of(), mounts, Map.of(), shares, buckets,
                users, keys, s3, null, smb);
        core.configApplied(config);
        current = config;
        generation++;
    }

    private static String parentOf(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static List<String> relative(String path) {
        String prefix = "/" + MOUNT;
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            throw new IllegalArgumentException(path + " is not under " + prefix);
        }
        return List.of(path.substring(prefix.length()).split("/")).stream().filter(n -> !n.isEmpty()).toList();
    }
}

package io.manticore.shell.internal.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.config.BucketConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.core.internal.vfs.TestVfs;

public class BucketsCommandTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    @Rule
    public final CapturedOutput output = new CapturedOutput();

    private final TestVfs fs = new TestVfs();
    private final Map<String, BucketConfig> configured = new LinkedHashMap<>();

    @After
    public void closeVfs() {
        fs.close();
    }

    @Test
    public void listsConfiguredBucketsInConfigOrderThenRootFoldersInNameOrder() {
        configured.put("zeta", new BucketConfig("/mem/data/z", true));
        configured.put("alpha", new BucketConfig("/mem/a", false));
        fs.mkdirs("/mem/buckets/photos");
        fs.mkdirs("/mem/buckets/logs");
        fs.mkdirs("/mem/buckets/backups.2024");

        List<Bucket> result = command(fs.vfs(), "/mem/buckets", NO_LIMIT).buckets();

        assertEquals(""
                + "NAME          PATH                       SOURCE       PUBLIC-READ\n"
                + "----          ----                       ------       -----------\n"
                + "zeta          /mem/data/z                config       yes\n"
                + "alpha         /mem/a                     config       no\n"
                + "backups.2024  /mem/buckets/backups.2024  bucket_root  no\n"
                + "logs          /mem/buckets/logs          bucket_root  no\n"
                + "photos        /mem/buckets/photos        bucket_root  no\n", output.text());
        assertEquals(List.of(
                new Bucket("zeta", "/mem/data/z", "config", true),
                new Bucket("alpha", "/mem/a", "config", false),
                new Bucket("backups.2024", "/mem/buckets/backups.2024", "bucket_root", false),
                new Bucket("logs", "/mem/buckets/logs", "bucket_root", false),
                new Bucket("photos", "/mem/buckets/photos", "bucket_root", false)), result);
    }

    @Test
    public void aConfiguredNameShadowsTheRootFolderOfTheSameName() {
        configured.put("logs", new BucketConfig("/mem/data/logs", true));
        fs.mkdirs("/mem/buckets/logs");
        fs.mkdirs("/mem/buckets/media");

        List<Bucket> result = command(fs.vfs(), "/mem/buckets", NO_LIMIT).buckets();

        assertEquals(List.of(
                new Bucket("logs", "/mem/data/logs", "config", true),
                new Bucket("media", "/mem/buckets/media", "bucket_root", false)), result);
        assertEquals(""
                + "NAME   PATH                SOURCE       PUBLIC-READ\n"
                + "----   ----                ------       -----------\n"
                + "logs   /mem/data/logs      config       yes\n"
                + "media  /mem/buckets/media  bucket_root  no\n", output.text());
    }

    @Test
    public void rootEntriesThatAreNotFoldersWithBucketNamesAreSkipped() {
        for (String name : List.of("Upper", "ab", "a..b", "192.168.1.10", "-dash", "dash-", "under_score", "ok-name",
                "v1.2.3.x")) {
            fs.mkdirs("/mem/buckets/" + name);
        }
        fs.file("/mem/buckets/file.bin", 5);
        fs.symlink("/mem/buckets/linked", "/mem/buckets/ok-name");

        List<Bucket> result = command(fs.vfs(), "/mem/buckets", NO_LIMIT).buckets();

        assertEquals(List.of(
                new Bucket("ok-name", "/mem/buckets/ok-name", "bucket_root", false),
                new Bucket("v1.2.3.x", "/mem/buckets/v1.2.3.x", "bucket_root", false)), result);
    }

    @Test
    public void aMissingBucketRootListsTheConfiguredBucketsAndSaysWhy() {
        configured.put("mem", new BucketConfig("/mem", false));

        List<Bucket> result = command(fs.vfs(), "/mem/nope", NO_LIMIT).buckets();

        assertEquals(List.of(new Bucket("mem", "/mem", "config", false)), result);
        assertEquals(""
                + "NAME  PATH  SOURCE  PUBLIC-READ\n"
                + "----  ----  ------  -----------\n"
                + "mem   /mem  config  no\n"
                + "buckets under the bucket root /mem/nope not listed: no such file or directory (no entry nope)\n", output.text());
    }

    @Test
    public void aBucketRootThatIsAFileListsTheConfiguredBucketsAndSaysWhy() {
        fs.file("/mem/plain", 0);

        assertEquals(List.of(), command(fs.vfs(), "/mem/plain", NO_LIMIT).buckets());
        assertEquals(""
                + "NAME  PATH  SOURCE  PUBLIC-READ\n"
                + "----  ----  ------  -----------\n"
                + "buckets under the bucket root /mem/plain not listed: not a directory\n", output.text());
    }

    @Test
    public void withoutTheVfsTheConfiguredBucketsAreListedAndTheRootIsNamed() {
        configured.put("mem", new BucketConfig("/mem", true));

        List<Bucket> result = command(null, "/mem/buckets", NO_LIMIT).buckets();

        assertEquals(List.of(new Bucket("mem", "/mem", "config", true)), result);
        assertEquals(""
                + "NAME  PATH  SOURCE  PUBLIC-READ\n"
                + "----  ----  ------  -----------\n"
                + "mem   /mem  config  yes\n"
                + "buckets under the bucket root /mem/buckets not listed: the VFS is not running\n", output.text());
    }

    @Test
    public void withoutABucketRootOnlyTheConfiguredBucketsAreListedWithNoNote() {
        configured.put("mem", new BucketConfig("/mem", false));
        fs.mkdirs("/mem/buckets/logs");

        assertEquals(List.of(new Bucket("mem", "/mem", "config", false)), command(fs.vfs(), null, NO_LIMIT).buckets());
        assertEquals(""
                + "NAME  PATH  SOURCE  PUBLIC-READ\n"
                + "----  ----  ------  -----------\n"
                + "mem   /mem  config  no\n", output.text());
    }

    @Test
    public void countAddsRegularFilesAndEmptyFoldersBelowTheBucketButNotSymlinks() {
        configured.put("photos", new BucketConfig("/mem/data/photos", false));
        fs.file("/mem/data/photos/a.jpg", 10);
        fs.file("/mem/data/photos/2024/jan/b.jpg", 20);
        fs.file("/mem/data/photos/2024/jan/c.jpg", 0);
        fs.mkdirs("/mem/data/photos/2024/feb");
        fs.mkdirs("/mem/data/photos/2024/outer/inner");
        fs.symlink("/mem/data/photos/link.jpg", "a.jpg");
        fs.symlink("/mem/data/photos/only-link/l", "../a.jpg");
        fs.mkdirs("/mem/buckets/empty");
        fs.file("/mem/buckets/deep/d1/d2/d3/d4/d5/f", 7);

        List<BucketCount> result = command(fs.vfs(), "/mem/buckets", NO_LIMIT).buckets("count");

        // photos: a.jpg, b.jpg, c.jpg, the markers feb/ and inner/; outer/ and only-link/ are not empty.
        assertEquals(""
                + "NAME    PATH                SOURCE       PUBLIC-READ  OBJECTS  BYTES\n"
                + "----    ----                ------       -----------  -------  -----\n"
                + "photos  /mem/data/photos    config       no                 5     30\n"
                + "deep    /mem/buckets/deep   bucket_root  no                 1      7\n"
                + "empty   /mem/buckets/empty  bucket_root  no                 0      0\n", output.text());
        assertEquals(List.of(
                new BucketCount(new Bucket("photos", "/mem/data/photos", "config", false),
                        new ObjectCount(5, 30, true, 0, null)),
                new BucketCount(new Bucket("deep", "/mem/buckets/deep", "bucket_root", false),
                        new ObjectCount(1, 7, true, 0, null)),
                new BucketCount(new Bucket("empty", "/mem/buckets/empty", "bucket_root", false),
                        new ObjectCount(0, 0, true, 0, null))), result);
    }

    @Test
    public void countOfABucketWhoseFolderIsMissingShowsDashesAndSaysWhy() {
        configured.put("gone", new BucketConfig("/mem/gone", false));
        configured.put("here", new BucketConfig("/mem/here", true));
        fs.file("/mem/here/x", 3);

        List<BucketCount> result = command(fs.vfs(), null, NO_LIMIT).buckets("count");

        assertEquals(""
                + "NAME  PATH       SOURCE  PUBLIC-READ  OBJECTS  BYTES\n"
                + "----  ----       ------  -----------  -------  -----\n"
                + "gone  /mem/gone  config  no                 -      -\n"
                + "here  /mem/here  config  yes                1      3\n"
                + "gone: not counted: /mem/gone: no such file or directory (no entry gone)\n", output.text());
        assertEquals(new ObjectCount(0, 0, true, 0, "no such file or directory (no entry gone)"), result.get(0).count());
    }

    @Test
    public void countStopsAtTheEntryLimitAndMarksLowerBounds() {
        configured.put("many", new BucketConfig("/mem/many", false));
        for (int i = 0; i < 5; i++) {
            fs.file("/mem/many/f" + i, 100);
        }

        List<BucketCount> result = command(fs.vfs(), null, 3).buckets("count");

        assertEquals(""
                + "NAME  PATH       SOURCE  PUBLIC-READ  OBJECTS  BYTES\n"
                + "----  ----       ------  -----------  -------  -----\n"
                + "many  /mem/many  config  no                ≥3   ≥300\n"
                + "many: stopped after 3 entries: the counts are lower bounds\n", output.text());
        assertEquals(new ObjectCount(3, 300, false, 0, null), result.get(0).count());
    }

    @Test
    public void countReachingTheLimitExactlyIsComplete() {
        configured.put("three", new BucketConfig("/mem/three", false));
        for (int i = 0; i < 3; i++) {
            fs.file("/mem/three/f" + i, 1);
        }

        List<BucketCount> result = command(fs.vfs(), null, 3).buckets("count");

        assertEquals(new ObjectCount(3, 3, true, 0, null), result.get(0).count());
    }

    @Test
    public void countSkipsUnreadableFoldersAndSaysHowMany() {
        configured.put("b", new BucketConfig("/mem/bkt", false));
        fs.file("/mem/bkt/visible", 4);
        FileHandle secret = fs.mkdirs("/mem/bkt/secret");
        fs.file("/mem/bkt/secret/hidden", 1000);
        FileHandle alsoSecret = fs.mkdirs("/mem/bkt/sub/locked");

        List<BucketCount> result = command(failingReaddir(fs.vfs(), List.of(secret, alsoSecret)), null, NO_LIMIT)
                .buckets("count");

        assertEquals(""
                + "NAME  PATH      SOURCE  PUBLIC-READ  OBJECTS  BYTES\n"
                + "----  ----      ------  -----------  -------  -----\n"
                + "b     /mem/bkt  config  no                 1      4\n"
                + "b: 2 unreadable folders skipped\n", output.text());
        assertEquals(new ObjectCount(1, 4, true, 2, null), result.get(0).count());
    }

    @Test
    public void countWithoutTheVfsSaysCoreIsNotRunning() {
        configured.put("mem", new BucketConfig("/mem", false));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> command(null, null, NO_LIMIT).buckets("count"));

        assertEquals("core is not running", e.getMessage());
        assertEquals("", output.text());
    }

    @Test
    public void anUnknownActionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> command(fs.vfs(), null, NO_LIMIT).buckets("sum"));

        assertEquals("unknown buckets action 'sum': use nas:buckets or nas:buckets count", e.getMessage());
        assertEquals("", output.text());
    }

    private BucketsCommand command(Vfs vfs, String bucketRoot, long entryLimit) {
        S3Settings s3 = new S3Settings("us-east-1", null, bucketRoot, 60, 30);
        return new BucketsCommand(new FixedConfigService(Map.of(), Map.of(), configured, s3), vfs, entryLimit);
    }

    /** The VFS, except that listing any of {@code unreadable} fails with ACCES. */
    private static Vfs failingReaddir(Vfs vfs, List<FileHandle> unreadable) {
        return (Vfs) Proxy.newProxyInstance(Vfs.class.getClassLoader(), new Class<?>[] {Vfs.class}, (proxy, method, args) -> {
            if (method.getName().equals("readdir") && unreadable.contains(args[1])) {
                return CompletableFuture.failedFuture(new VfsException(VfsError.ACCES));
            }
            try {
                return method.invoke(vfs, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}

package io.manticore.protocol.s3.internal.bucket;

import static io.manticore.core.internal.vfs.TestVfs.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.After;
import org.junit.Test;

import io.manticore.api.config.BucketConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.cred.Cred;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.protocol.s3.internal.error.Failures;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

public class BucketsTest {

    private final TestVfs fs = new TestVfs();
    private final Buckets buckets = new Buckets(fs.vfs(), fs.configService());

    @After
    public void tearDown() {
        fs.close();
    }

    @Test
    public void configuredBucketOpens() {
        fs.mkdirs(Cred.ROOT, "/mem/data/photos");
        fs.bucket("photos", "/mem/data/photos", true);
        Bucket b = await(buckets.open("photos", Cred.ROOT));
        assertEquals("photos", b.name());
        assertEquals(fs.resolve("/mem/data/photos"), b.root());
        assertTrue(b.publicRead());
        assertTrue(b.configured());
    }

    @Test
    public void unknownBucketIsNoSuchBucket() {
        assertError(S3Error.NO_SUCH_BUCKET, buckets.open("nothere", Cred.ROOT));
    }

    @Test
    public void configuredBucketWhosePathIsMissingIsNoSuchBucket() {
        fs.bucket("lost", "/mem/lost", false);
        assertError(S3Error.NO_SUCH_BUCKET, buckets.open("lost", Cred.ROOT));
    }

    @Test
    public void configuredBucketOverAFileIsNoSuchBucket() {
        fs.write(Cred.ROOT, "/mem/file", new byte[] {1});
        fs.bucket("file", "/mem/file", false);
        assertError(S3Error.NO_SUCH_BUCKET, buckets.open("file", Cred.ROOT));
    }

    @Test
    public void bucketRootFoldersAreBuckets() {
        fs.mkdirs(Cred.ROOT, "/mem/root/made");
        fs.s3(new S3Settings("us-east-1", null, "/mem/root", 60, 30));
        Bucket b = await(buckets.open("made", Cred.ROOT));
        assertFalse(b.configured());
        assertFalse(b.publicRead());
        assertError(S3Error.NO_SUCH_BUCKET, buckets.open("other", Cred.ROOT));
        assertError(S3Error.NO_SUCH_BUCKET, buckets.open("Bad_Name", Cred.ROOT));
    }

    @Test
    public void listPutsConfiguredBucketsFirstThenTheRootsInNameOrder() {
        fs.mkdirs(Cred.ROOT, "/mem/z");
        fs.mkdirs(Cred.ROOT, "/mem/a");
        fs.mkdirs(Cred.ROOT, "/mem/root/zeta");
        fs.mkdirs(Cred.ROOT, "/mem/root/alpha");
        fs.mkdirs(Cred.ROOT, "/mem/root/mid");
        fs.mkdirs(Cred.ROOT, "/mem/root/Not_A_Bucket");
        fs.write(Cred.ROOT, "/mem/root/file", new byte[] {1});
        fs.bucket("zed", "/mem/z", false).bucket("mid", "/mem/a", false).bucket("gone", "/mem/none", false);
        fs.s3(new S3Settings("us-east-1", null, "/mem/root", 60, 30));
        List<String> names = await(buckets.list(Cred.ROOT)).stream().map(BucketInfo::name).toList();
        assertEquals(List.of("zed", "mid", "alpha", "zeta"), names);
    }

    @Test
    public void createMakesAFolderUnderTheRoot() {
        fs.mkdirs(Cred.ROOT, "/mem/root");
        fs.s3(new S3Settings("us-east-1", null, "/mem/root", 60, 30));
        Bucket made = await(buckets.create("new-bucket", Cred.ROOT));
        assertEquals("new-bucket", made.name());
        assertEquals(fs.resolve("/mem/root/new-bucket"), made.root());
        assertEquals(made.root(), await(buckets.open("new-bucket", Cred.ROOT)).root());
        assertError(S3Error.BUCKET_ALREADY_OWNED_BY_YOU, buckets.create("new-bucket", Cred.ROOT));
    }

    @Test
    public void createRefusesInvalidNamesConfiguredNamesAndWithoutRoot() {
        fs.mkdirs(Cred.ROOT, "/mem/x");
        fs.bucket("conf", "/mem/x", false);
        assertError(S3Error.ACCESS_DENIED, buckets.create("new-bucket", Cred.ROOT));
        assertError(S3Error.BUCKET_ALREADY_OWNED_BY_YOU, buckets.create("conf", Cred.ROOT));
        assertError(S3Error.INVALID_BUCKET_NAME, buckets.create("ab", Cred.ROOT));
        assertError(S3Error.INVALID_BUCKET_NAME, buckets.create("Upper", Cred.ROOT));
    }

    @Test
    public void deleteRemovesAnEmptyBucketOnly() {
        fs.mkdirs(Cred.ROOT, "/mem/root/empty");
        fs.write(Cred.ROOT, "/mem/root/full/obj", new byte[] {1});
        fs.s3(new S3Settings("us-east-1", null, "/mem/root", 60, 30));
        await(buckets.delete("empty", Cred.ROOT));
        assertError(S3Error.NO_SUCH_BUCKET, buckets.open("empty", Cred.ROOT));
        assertError(S3Error.BUCKET_NOT_EMPTY, buckets.delete("full", Cred.ROOT));
        assertError(S3Error.NO_SUCH_BUCKET, buckets.delete("never", Cred.ROOT));
    }

    @Test
    public void configuredBucketCannotBeDeleted() {
        fs.mkdirs(Cred.ROOT, "/mem/x");
        fs.bucket("conf", "/mem/x", false);
        assertError(S3Error.ACCESS_DENIED, buckets.delete("conf", Cred.ROOT));
    }

    @Test
    public void bucketNameRules() {
        for (String ok : List.of("abc", "a-b.c", "0bucket9", "a".repeat(63), "my.bucket.name")) {
            assertTrue(ok, BucketConfig.validName(ok));
        }
        for (String bad : List.of("ab", "a".repeat(64), "Abc", "a_b", "-ab", "ab-", ".ab", "ab.", "a..b", "192.168.1.1",
                "a b", "")) {
            assertFalse(bad, BucketConfig.validName(bad));
        }
    }

    private static void assertError(S3Error expected, CompletionStage<?> stage) {
        Throwable t = Failures.cause(TestVfs.failure(stage));
        if (!(t instanceof S3Exception e) || e.error() != expected) {
            throw new AssertionError("expected " + expected + ", got " + t, t);
        }
    }
}

package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import io.manticore.api.admin.ClientInfo;
import io.manticore.api.admin.ClientSource;
import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.Vfs;

/**
 * The S3 service of the assembled server driven by real clients: Debian's aws-cli v2 (s3 and
 * s3api), s3cmd and curl with presigned URLs, over loopback. Data is compared byte for byte,
 * both ways between S3 and the in-process VFS.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class S3ClientsIT {

    private static final long RUN_MS = 60_000;
    private static final String ACCESS_KEY = "AKIDMANTICOREITEST";
    /** A key for this test's server only, which exists only while the test runs. */
    private static final String SECRET_KEY = "itest-only-secret-key-0123456789abcdef";

    @Inject
    private ListenerAdmin listeners;
    @Inject
    private MountAdmin mounts;
    @Inject
    private Vfs vfs;
    @Inject
    private BundleContext context;

    private LeakLog leaks;
    private Path scratch;
    private S3Tools s3;

    @Configuration
    public Option[] config() {
        return Assembly.server(Assembly.newHome("s3-clients", """
                {
                  "listeners": [ { "protocol": "s3", "transport": "tcp", "address": "127.0.0.1", "port": 0 } ],
                  "mounts": {
                    "mem": { "module": "memfs", "options": { "size": "256m", "root_mode": "1777" } },
                    "made": { "module": "memfs", "options": { "size": "64m", "root_mode": "1777" } }
                  },
                  "buckets": { "mem": { "path": "/mem" } },
                  "users": [ { "name": "alice", "password": "unused", "uid": 1000, "gid": 1000 } ],
                  "s3_access_keys": [ { "access_key": "%s", "secret_key": "%s", "user": "alice" } ],
                  "s3": { "bucket_root": "/made", "header_timeout_seconds": 2, "domain": "s3.test" },
                  "shell": { "ssh": false }
                }
                """.formatted(ACCESS_KEY, SECRET_KEY)));
    }

    @Before
    public void connect() throws Exception {
        leaks = LeakLog.attach();
        S3Tools.requireInstalled();
        Await.until("the s3 listener BOUND", 30_000, () -> boundPort() > 0);
        for (String mount : List.of("mem", "made")) {
            Await.until("mount " + mount + " ACTIVE", 20_000, () -> mounts.mounts().stream()
                    .anyMatch(m -> m.name().equals(mount) && "ACTIVE".equals(m.state())));
        }
        scratch = Scratch.create("s3-clients");
        s3 = new S3Tools(scratch, boundPort(), ACCESS_KEY, SECRET_KEY);
    }

    @After
    public void cleanUp() throws Exception {
        Scratch.delete(scratch);
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void filesCopiedUpWithAwsCliComeBackByteIdenticalWithTheMd5AsETag() throws Exception {
        for (int size : new int[] {0, 1, 5 * 1024 * 1024 + 7}) {
            byte[] content = VfsClient.random(size, size);
            Path original = scratch.resolve("up-" + size);
            Files.write(original, content);
            s3.aws(RUN_MS, "s3", "cp", original.toString(), "s3://mem/up/" + size + ".bin").ok();
            Path back = scratch.resolve("down-" + size);
            s3.aws(RUN_MS, "s3", "cp", "s3://mem/up/" + size + ".bin", back.toString()).ok();
            assertArrayEquals("content of " + size + " bytes", content, Files.readAllBytes(back));
            String head = s3.aws(RUN_MS, "s3api", "head-object", "--bucket", "mem", "--key", "up/" + size + ".bin").ok().out();
            assertTrue("ETag is the MD5 of " + size + " bytes: " + head, head.contains("\\\"" + md5(content) + "\\\""));
            assertTrue("ContentLength " + size + ": " + head, head.contains("\"ContentLength\": " + size + ","));
        }
    }

    @Test
    public void anObjectPutOverS3IsAFileInTheVfsAndAVfsFileIsAnObject() throws Exception {
        byte[] content = VfsClient.random(7, 300_001);
        Path original = scratch.resolve("to-vfs");
        Files.write(original, content);
        s3.aws(RUN_MS, "s3api", "put-object", "--bucket", "mem", "--key", "deep/er/to-vfs.bin", "--body", original.toString(),
                "--content-type", "application/x-test", "--metadata", "colour=blue").ok();
        Lookup file = vfs.resolve(Cred.ROOT, "/mem/deep/er/to-vfs.bin").toCompletableFuture().join();
        assertEquals("owner is the key's user", 1000, file.attrs().uid());
        assertArrayEquals("bytes read through the VFS", content, VfsClient.read(vfs, file.fh(), content.length));

        String head = s3.aws(RUN_MS, "s3api", "head-object", "--bucket", "mem", "--key", "deep/er/to-vfs.bin").ok().out();
        assertTrue("content type kept: " + head, head.contains("\"ContentType\": \"application/x-test\""));
        assertTrue("user metadata kept: " + head, head.contains("\"colour\": \"blue\""));

        byte[] fromVfs = VfsClient.random(8, 1_048_577);
        FileHandle dir = vfs.resolve(Cred.ROOT, "/mem/deep").toCompletableFuture().join().fh();
        VfsClient.create(vfs, dir, "from-vfs.bin", fromVfs);
        Path got = scratch.resolve("from-vfs");
        s3.aws(RUN_MS, "s3api", "get-object", "--bucket", "mem", "--key", "deep/from-vfs.bin", got.toString()).ok();
        assertArrayEquals("a file written through the VFS read over S3", fromVfs, Files.readAllBytes(got));
        String vfsHead = s3.aws(RUN_MS, "s3api", "head-object", "--bucket", "mem", "--key", "deep/from-vfs.bin").ok().out();
        assertTrue("its ETag is computed as the MD5: " + vfsHead, vfsHead.contains(md5(fromVfs)));
    }

    @Test
    public void aRangeReadReturnsExactlyThoseBytes() throws Exception {
        byte[] content = VfsClient.random(9, 100_000);
        Path original = scratch.resolve("ranged");
        Files.write(original, content);
        s3.aws(RUN_MS, "s3", "cp", original.toString(), "s3://mem/ranged.bin").ok();
        Path part = scratch.resolve("part");
        String out = s3.aws(RUN_MS, "s3api", "get-object", "--bucket", "mem", "--key", "ranged.bin", "--range", "bytes=99990-",
                part.toString()).ok().out();
        assertTrue("Content-Range: " + out, out.contains("bytes 99990-99999/100000"));
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 99_990, 100_000), Files.readAllBytes(part));
        ClientRun past = s3.aws(RUN_MS, "s3api", "get-object", "--bucket", "mem", "--key", "ranged.bin", "--range", "bytes=100000-",
                scratch.resolve("none").toString());
        assertNotEquals(0, past.exitCode());
        assertTrue("InvalidRange: " + past.stderr(), past.stderr().contains("InvalidRange"));
    }

    @Test
    public void bucketsAreMadeAndRemovedUnderTheBucketRootAndOnlyWhenEmpty() throws Exception {
        s3.aws(RUN_MS, "s3", "mb", "s3://fresh-bucket").ok();
        assertTrue("listed: ", s3.aws(RUN_MS, "s3", "ls").ok().out().contains("fresh-bucket"));
        assertTrue("a folder of the bucket root", vfs.resolve(Cred.ROOT, "/made/fresh-bucket").toCompletableFuture().join().attrs().isDirectory());
        Path one = scratch.resolve("one");
        Files.writeString(one, "1");
        s3.aws(RUN_MS, "s3", "cp", one.toString(), "s3://fresh-bucket/one").ok();
        ClientRun notEmpty = s3.aws(RUN_MS, "s3api", "delete-bucket", "--bucket", "fresh-bucket");
        assertTrue("BucketNotEmpty: " + notEmpty.stderr(), notEmpty.exitCode() != 0 && notEmpty.stderr().contains("BucketNotEmpty"));
        s3.aws(RUN_MS, "s3", "rm", "s3://fresh-bucket/one").ok();
        s3.aws(RUN_MS, "s3", "rb", "s3://fresh-bucket").ok();
        assertFalse("gone", s3.aws(RUN_MS, "s3", "ls").ok().out().contains("fresh-bucket"));
        ClientRun missing = s3.aws(RUN_MS, "s3api", "head-bucket", "--bucket", "fresh-bucket");
        assertTrue("404 after removal: " + missing.stderr(), missing.exitCode() != 0 && missing.stderr().contains("404"));
    }

    @Test
    public void deletingTheLastKeyOfAFolderRemovesTheFolder() throws Exception {
        Path f = scratch.resolve("f");
        Files.writeString(f, "x");
        s3.aws(RUN_MS, "s3", "cp", f.toString(), "s3://mem/gone/with/it.txt").ok();
        assertTrue(vfs.resolve(Cred.ROOT, "/mem/gone/with").toCompletableFuture().join().attrs().isDirectory());
        s3.aws(RUN_MS, "s3api", "delete-object", "--bucket", "mem", "--key", "gone/with/it.txt").ok();
        assertTrue("the emptied folders went too", vfs.resolve(Cred.ROOT, "/mem/gone").handle((l, e) -> e != null)
                .toCompletableFuture().join());
        s3.aws(RUN_MS, "s3api", "delete-object", "--bucket", "mem", "--key", "never/was").ok();
    }

    @Test
    public void aWrongSecretIsRefusedWithSignatureDoesNotMatchAndWritesNothing() throws Exception {
        Path f = scratch.resolve("nope");
        Files.writeString(f, "nope");
        ClientRun wrong = s3.awsAs("not-the-secret", RUN_MS, "s3api", "put-object", "--bucket", "mem", "--key", "nope.txt",
                "--body", f.toString());
        assertTrue("SignatureDoesNotMatch: " + wrong.stderr(), wrong.exitCode() != 0 && wrong.stderr().contains("SignatureDoesNotMatch"));
        assertTrue("nothing written", vfs.resolve(Cred.ROOT, "/mem/nope.txt").handle((l, e) -> e != null).toCompletableFuture().join());
    }

    @Test
    public void aPresignedUrlServesCurlUntilItExpires() throws Exception {
        Path f = scratch.resolve("shared");
        Files.writeString(f, "shared with curl");
        s3.aws(RUN_MS, "s3", "cp", f.toString(), "s3://mem/shared.txt").ok();
        String url = s3.aws(RUN_MS, "s3", "presign", "s3://mem/shared.txt", "--expires-in", "300").ok().out().trim();
        List<String> got = s3.curl(RUN_MS, url).ok().lines();
        assertEquals(List.of("shared with curl", "200"), got);
        List<String> tampered = s3.curl(RUN_MS, url.replace("shared.txt", "shared.tx%74x")).ok().lines();
        assertEquals("403", tampered.getLast());

        String shortLived = s3.aws(RUN_MS, "s3", "presign", "s3://mem/shared.txt", "--expires-in", "1").ok().out().trim();
        Thread.sleep(2_100);
        List<String> expired = s3.curl(RUN_MS, shortLived).ok().lines();
        assertEquals("403", expired.getLast());
        assertTrue("expired: " + expired, String.join("\n", expired).contains("AccessDenied"));
    }

    @Test
    public void anUnsignedRequestIsRefusedOnAPrivateBucket() throws Exception {
        List<String> anonymous = s3.curl(RUN_MS, s3.endpoint() + "/mem/shared-anything").ok().lines();
        assertEquals("403", anonymous.getLast());
        List<String> put = s3.curl(RUN_MS, "-X", "PUT", "--data-binary", "x", s3.endpoint() + "/mem/anon.txt").ok().lines();
        assertEquals("403", put.getLast());
    }

    @Test
    public void s3cmdPutsAndGetsTheSameBytes() throws Exception {
        byte[] content = VfsClient.random(11, 70_000);
        Path original = scratch.resolve("s3cmd-up");
        Files.write(original, content);
        s3.s3cmd(RUN_MS, "put", original.toString(), "s3://mem/s3cmd/file.bin").ok();
        Path back = scratch.resolve("s3cmd-down");
        s3.s3cmd(RUN_MS, "get", "s3://mem/s3cmd/file.bin", back.toString()).ok();
        assertArrayEquals(content, Files.readAllBytes(back));
    }

    @Test
    public void copyObjectKeepsOrReplacesMetadataAndConditionalGetsAnswer304And412() throws Exception {
        Path f = scratch.resolve("src");
        Files.writeString(f, "copy me", StandardCharsets.UTF_8);
        s3.aws(RUN_MS, "s3api", "put-object", "--bucket", "mem", "--key", "copy/src", "--body", f.toString(),
                "--metadata", "k=v").ok();
        s3.aws(RUN_MS, "s3api", "copy-object", "--bucket", "mem", "--key", "copy/dst", "--copy-source", "mem/copy/src").ok();
        String copied = s3.aws(RUN_MS, "s3api", "head-object", "--bucket", "mem", "--key", "copy/dst").ok().out();
        assertTrue("metadata copied: " + copied, copied.contains("\"k\": \"v\"") && copied.contains(md5("copy me".getBytes())));
        s3.aws(RUN_MS, "s3api", "copy-object", "--bucket", "mem", "--key", "copy/dst", "--copy-source", "mem/copy/src",
                "--metadata-directive", "REPLACE", "--metadata", "k=w").ok();
        assertTrue(s3.aws(RUN_MS, "s3api", "head-object", "--bucket", "mem", "--key", "copy/dst").ok().out().contains("\"k\": \"w\""));

        String etag = "\"" + md5("copy me".getBytes()) + "\"";
        ClientRun notModified = s3.aws(RUN_MS, "s3api", "get-object", "--bucket", "mem", "--key", "copy/dst", "--if-none-match", etag,
                scratch.resolve("nm").toString());
        assertTrue("304: " + notModified.stderr(), notModified.exitCode() != 0 && notModified.stderr().contains("304"));
        ClientRun failed = s3.aws(RUN_MS, "s3api", "get-object", "--bucket", "mem", "--key", "copy/dst", "--if-match", "\"0\"",
                scratch.resolve("pf").toString());
        assertTrue("412: " + failed.stderr(), failed.exitCode() != 0 && failed.stderr().contains("PreconditionFailed"));
    }

    @Test
    public void aHundredMebibyteFileGoesUpInPartsAndComesBackByteIdentical() throws Exception {
        byte[] content = VfsClient.random(13, 100 * 1024 * 1024);
        Path original = scratch.resolve("hundred");
        Files.write(original, content);
        s3.aws(RUN_MS, "s3", "cp", "--only-show-errors", original.toString(), "s3://mem/big/hundred.bin").ok();
        String head = s3.aws(RUN_MS, "s3api", "head-object", "--bucket", "mem", "--key", "big/hundred.bin").ok().out();
        assertTrue("a multipart ETag (aws-cli sends 8 MiB parts): " + head, head.contains("-13\\\""));
        Lookup file = vfs.resolve(Cred.ROOT, "/mem/big/hundred.bin").toCompletableFuture().join();
        assertEquals(content.length, file.attrs().size());
        Path back = scratch.resolve("hundred.back");
        s3.aws(RUN_MS, "s3", "cp", "--only-show-errors", "s3://mem/big/hundred.bin", back.toString()).ok();
        assertArrayEquals(content, Files.readAllBytes(back));
        String uploads = s3.aws(RUN_MS, "s3api", "list-multipart-uploads", "--bucket", "mem").ok().out();
        assertFalse("no upload left behind: " + uploads, uploads.contains("UploadId"));
    }

    @Test
    public void boto3PutsGetsUploadsInPartsAndDeletesAsS3Does() throws Exception {
        Path script = scratch.resolve("boto3_client.py");
        try (var in = getClass().getResourceAsStream("/s3/boto3_client.py")) {
            Files.copy(in, script);
        }
        ClientRun run = ClientRun.start(scratch, "boto3", java.util.Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY",
                SECRET_KEY, "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"), RUN_MS,
                List.of("/usr/bin/python3", script.toString(), s3.endpoint(), "mem", "boto/")).ok();
        assertEquals(List.of("OK"), run.lines());
        Lookup multi = vfs.resolve(Cred.ROOT, "/mem/boto/multi.bin").toCompletableFuture().join();
        assertEquals(5 * 1024 * 1024 + 1234, multi.attrs().size());
    }

    @Test
    public void awsS3SyncListsInS3KeyOrderAndRemovesATree() throws Exception {
        Path tree = scratch.resolve("tree");
        List<String> names = List.of("a.txt", "a/b.txt", "a0", "sub/x/y.bin", "with space.txt", "plus+sign", "\u00e9t\u00e9.txt", "Zed");
        for (String name : names) {
            Path f = tree.resolve(name);
            Files.createDirectories(f.getParent());
            Files.write(f, VfsClient.random(name.hashCode(), 1000 + name.length()));
        }
        s3.aws(RUN_MS, "s3", "sync", "--only-show-errors", tree.toString(), "s3://mem/sync/").ok();
        List<String> listed = s3.aws(RUN_MS, "s3api", "list-objects-v2", "--bucket", "mem", "--prefix", "sync/", "--query",
                "Contents[].Key", "--output", "text").ok().out().trim().lines().flatMap(l -> java.util.Arrays.stream(l.split("\t"))).toList();
        // S3 order is by UTF-8 bytes: upper case first, '.' before '/' before digits, and the accented name last.
        assertEquals(List.of("sync/Zed", "sync/a.txt", "sync/a/b.txt", "sync/a0", "sync/plus+sign", "sync/sub/x/y.bin",
                "sync/with space.txt", "sync/\u00e9t\u00e9.txt"), listed);
        String prefixes = s3.aws(RUN_MS, "s3api", "list-objects-v2", "--bucket", "mem", "--prefix", "sync/", "--delimiter", "/",
                "--query", "CommonPrefixes[].Prefix", "--output", "text").ok().out().trim();
        assertEquals("sync/a/\tsync/sub/", prefixes);

        Path back = scratch.resolve("back");
        s3.aws(RUN_MS, "s3", "sync", "--only-show-errors", "s3://mem/sync/", back.toString()).ok();
        for (String name : names) {
            assertArrayEquals(name, Files.readAllBytes(tree.resolve(name)), Files.readAllBytes(back.resolve(name)));
        }
        s3.aws(RUN_MS, "s3", "rm", "--only-show-errors", "--recursive", "s3://mem/sync/").ok();
        assertTrue("the emptied folders went with the keys", vfs.resolve(Cred.ROOT, "/mem/sync").handle((l, e) -> e != null)
                .toCompletableFuture().join());
    }

    @Test
    public void theAwsSdkForJavaPutsGetsListsCopiesUploadsInPartsAndDeletes() throws Exception {
        // The SDK runs in a JVM of its own, with the class path of the JVM running this test (it is not an OSGi bundle).
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path quiet = scratch.resolve("logback-quiet.xml");
        Files.writeString(quiet, "<configuration><root level=\"OFF\"/></configuration>\n");
        ClientRun run = ClientRun.start(scratch, "sdk", java.util.Map.of(), 3 * RUN_MS, List.of(javaBin,
                "-Dlogback.configurationFile=" + quiet, "-cp", System.getProperty("java.class.path"),
                "io.manticore.itest.sdk.S3SdkClient", s3.endpoint(), "mem", "sdk/", ACCESS_KEY, SECRET_KEY)).ok();
        assertEquals(List.of("OK"), run.lines());
        assertEquals(3 * 1024 * 1024 + 5, vfs.resolve(Cred.ROOT, "/mem/sdk/sdk.bin").toCompletableFuture().join().attrs().size());
    }

    @Test
    public void oversizedHeadersAreRefusedAndTheConnectionClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", boundPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET /mem/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + "f".repeat(20_000) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer, answer.startsWith("HTTP/1.1 400 "));
            assertTrue(answer, answer.contains("<Code>RequestHeaderSectionTooLarge</Code>"));
        }
    }

    @Test
    public void aRequestWhoseHeadersNeverFinishIsCutOffAfterTheHeaderTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", boundPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /mem/x HTTP/1.1\r\nHost: 127".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            assertEquals("the server closes the connection", -1, socket.getInputStream().read());
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue("closed after the 2 s header timeout, not before: " + waitedMs + " ms", waitedMs >= 1_500);
        }
    }

    @Test
    public void aPutCutShortLeavesNothingVisible() throws Exception {
        String url = ClientRun.start(scratch, "presign-put", java.util.Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY",
                SECRET_KEY, "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"), RUN_MS, List.of(
                "/usr/bin/python3", "-c", "import boto3, sys; from botocore.config import Config; print(boto3.client('s3', "
                        + "endpoint_url=sys.argv[1], region_name='us-east-1', config=Config(signature_version='s3v4', s3={'addressing_style': 'path'}))"
                        + ".generate_presigned_url('put_object', Params={'Bucket': 'mem', 'Key': 'half.bin'}, ExpiresIn=300))",
                s3.endpoint())).ok().out().trim();
        java.net.URI uri = java.net.URI.create(url);
        try (Socket socket = new Socket("127.0.0.1", boundPort())) {
            String head = "PUT " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort() + "\r\nContent-Length: 100000\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[40_000]);
            socket.getOutputStream().flush();
        }
        List<String> after = s3.curl(RUN_MS, "-X", "PUT", "--data-binary", "whole", url).ok().lines();
        assertEquals("the same presigned URL works for a whole body", "200", after.getLast());
        Lookup file = vfs.resolve(Cred.ROOT, "/mem/half.bin").toCompletableFuture().join();
        assertEquals("only the whole PUT was published", 5, file.attrs().size());
    }

    @Test
    public void s3apiCoversLocationV1ListingVersionsAndEveryMultipartCall() throws Exception {
        String location = s3.aws(RUN_MS, "s3api", "get-bucket-location", "--bucket", "mem").ok().out();
        assertTrue("us-east-1 is the empty constraint: " + location, location.contains("\"LocationConstraint\": null"));
        Path small = scratch.resolve("small");
        Files.writeString(small, "v1");
        for (String key : List.of("s3api/a", "s3api/b/c", "s3api/d")) {
            s3.aws(RUN_MS, "s3api", "put-object", "--bucket", "mem", "--key", key, "--body", small.toString()).ok();
        }
        String v1 = s3.aws(RUN_MS, "s3api", "list-objects", "--bucket", "mem", "--prefix", "s3api/", "--delimiter", "/",
                "--query", "[Contents[].Key, CommonPrefixes[].Prefix]", "--output", "text").ok().out();
        assertEquals("s3api/a\ts3api/d\ns3api/b/\n", v1);
        String versions = s3.aws(RUN_MS, "s3api", "list-object-versions", "--bucket", "mem", "--prefix", "s3api/",
                "--query", "Versions[].[Key, VersionId, IsLatest]", "--output", "text").ok().out();
        assertEquals("s3api/a\tnull\tTrue\ns3api/b/c\tnull\tTrue\ns3api/d\tnull\tTrue\n", versions);

        byte[] source = VfsClient.random(21, 6 * 1024 * 1024);
        Path sourceFile = scratch.resolve("source");
        Files.write(sourceFile, source);
        s3.aws(RUN_MS, "s3", "cp", "--only-show-errors", sourceFile.toString(), "s3://mem/s3api/source.bin").ok();
        String upload = s3.aws(RUN_MS, "s3api", "create-multipart-upload", "--bucket", "mem", "--key", "s3api/joined.bin",
                "--query", "UploadId", "--output", "text").ok().out().trim();
        String e1 = s3.aws(RUN_MS, "s3api", "upload-part-copy", "--bucket", "mem", "--key", "s3api/joined.bin", "--upload-id", upload,
                "--part-number", "1", "--copy-source", "mem/s3api/source.bin", "--copy-source-range", "bytes=0-5242879",
                "--query", "CopyPartResult.ETag", "--output", "text").ok().out().trim();
        String e2 = s3.aws(RUN_MS, "s3api", "upload-part", "--bucket", "mem", "--key", "s3api/joined.bin", "--upload-id", upload,
                "--part-number", "2", "--body", small.toString(), "--query", "ETag", "--output", "text").ok().out().trim();
        String parts = s3.aws(RUN_MS, "s3api", "list-parts", "--bucket", "mem", "--key", "s3api/joined.bin", "--upload-id", upload,
                "--query", "Parts[].[PartNumber, Size]", "--output", "text").ok().out();
        assertEquals("1\t5242880\n2\t2\n", parts);
        Path done = scratch.resolve("parts.json");
        Files.writeString(done, "{\"Parts\": [{\"PartNumber\": 1, \"ETag\": " + e1 + "}, {\"PartNumber\": 2, \"ETag\": " + e2 + "}]}");
        s3.aws(RUN_MS, "s3api", "complete-multipart-upload", "--bucket", "mem", "--key", "s3api/joined.bin", "--upload-id", upload,
                "--multipart-upload", "file://" + done).ok();
        Path joined = scratch.resolve("joined");
        s3.aws(RUN_MS, "s3api", "get-object", "--bucket", "mem", "--key", "s3api/joined.bin", joined.toString()).ok();
        byte[] expected = new byte[5 * 1024 * 1024 + 2];
        System.arraycopy(source, 0, expected, 0, 5 * 1024 * 1024);
        expected[expected.length - 2] = 'v';
        expected[expected.length - 1] = '1';
        assertArrayEquals("a copied range and an uploaded part, joined", expected, Files.readAllBytes(joined));

        String abandoned = s3.aws(RUN_MS, "s3api", "create-multipart-upload", "--bucket", "mem", "--key", "s3api/never.bin",
                "--query", "UploadId", "--output", "text").ok().out().trim();
        s3.aws(RUN_MS, "s3api", "abort-multipart-upload", "--bucket", "mem", "--key", "s3api/never.bin", "--upload-id", abandoned).ok();
        ClientRun gone = s3.aws(RUN_MS, "s3api", "list-parts", "--bucket", "mem", "--key", "s3api/never.bin", "--upload-id", abandoned);
        assertTrue("NoSuchUpload: " + gone.stderr(), gone.exitCode() != 0 && gone.stderr().contains("NoSuchUpload"));
    }

    @Test
    public void aVirtualHostedStyleUrlAddressesTheBucketByItsHostName() throws Exception {
        Path f = scratch.resolve("virtual");
        Files.writeString(f, "by host name");
        s3.aws(RUN_MS, "s3", "cp", f.toString(), "s3://mem/virtual.txt").ok();
        // boto3 signs for http://mem.s3.test:PORT/virtual.txt; curl resolves that name to loopback.
        String url = ClientRun.start(scratch, "presign-virtual", java.util.Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
                RUN_MS, List.of("/usr/bin/python3", "-c", "import boto3, sys; from botocore.config import Config; print(boto3.client('s3', "
                        + "endpoint_url=sys.argv[1], region_name='us-east-1', config=Config(signature_version='s3v4', "
                        + "s3={'addressing_style': 'virtual'})).generate_presigned_url('get_object', "
                        + "Params={'Bucket': 'mem', 'Key': 'virtual.txt'}, ExpiresIn=300))",
                        "http://s3.test:" + boundPort())).ok().out().trim();
        assertTrue("a virtual-hosted URL: " + url, url.startsWith("http://mem.s3.test:" + boundPort() + "/virtual.txt?"));
        List<String> got = s3.curl(RUN_MS, "--resolve", "mem.s3.test:" + boundPort() + ":127.0.0.1", url).ok().lines();
        assertEquals(List.of("by host name", "200"), got);
    }

    @Test
    public void theShellsClientListShowsTheS3ClientAndItsUser() throws Exception {
        s3.aws(RUN_MS, "s3", "ls").ok();
        List<ClientInfo> s3Clients = new ArrayList<>();
        for (var ref : context.getServiceReferences(ClientSource.class, null)) {
            s3Clients.addAll(context.getService(ref).clients().stream().filter(c -> c.protocol().equals("s3")).toList());
            context.ungetService(ref);
        }
        assertEquals("one client address, loopback: " + s3Clients, 1, s3Clients.size());
        assertEquals("127.0.0.1", s3Clients.get(0).address());
        assertEquals("sigv4", s3Clients.get(0).auth());
        assertTrue("requests counted", s3Clients.get(0).calls() >= 1);
        assertEquals(List.of("user alice"), s3Clients.get(0).detail());
    }

    private int boundPort() {
        for (ListenerInfo l : listeners.listeners()) {
            if (l.protocol().equals("s3") && l.boundPort() > 0) {
                return l.boundPort();
            }
        }
        return -1;
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }
}

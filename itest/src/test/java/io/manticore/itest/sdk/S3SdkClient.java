package io.manticore.itest.sdk;

import java.net.URI;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The AWS SDK for Java v2 against Manticore's S3 service, run in its own JVM by S3ClientsIT
 * (the SDK is not an OSGi bundle). Each step checks what the server answered; the first
 * mismatch exits 1 with a line saying which, and success prints "OK".
 *
 * <p>Arguments: endpoint, bucket, key prefix, access key, secret key.
 */
public final class S3SdkClient {

    private static final int LISTED = 1_500;

    private S3SdkClient() {
    }

    public static void main(String[] args) throws Exception {
        String bucket = args[1];
        String prefix = args[2];
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(args[0])).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[3], args[4])))
                .build()) {
            byte[] body = random(1, 3 * 1024 * 1024 + 5);
            s3.putObject(b -> b.bucket(bucket).key(prefix + "sdk.bin").contentType("application/x-sdk")
                    .metadata(Map.of("made-by", "sdk-v2")).checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(body));
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + "sdk.bin")
                    .checksumMode(ChecksumMode.ENABLED));
            check("GetObject returns the bytes", Arrays.equals(body, got.asByteArray()));
            check("ETag is the MD5", got.response().eTag().equals("\"" + md5(body) + "\""));
            check("CRC32C kept: " + got.response().checksumCRC32C(), got.response().checksumCRC32C() != null);
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(prefix + "sdk.bin"));
            check("metadata", head.metadata().equals(Map.of("made-by", "sdk-v2")) && head.contentType().equals("application/x-sdk"));

            for (int i = 0; i < LISTED; i++) {
                String key = prefix + "many/" + String.format("k%05d", i);
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
            }
            List<String> listed = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "many/").maxKeys(400)).contents()) {
                listed.add(o.key());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < LISTED; i++) {
                expected.add(prefix + "many/" + String.format("k%05d", i));
            }
            check("ListObjectsV2 pages of 400 list " + LISTED + " keys in order, got " + listed.size(), listed.equals(expected));

            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(prefix + "sdk.bin").destinationBucket(bucket).destinationKey(prefix + "copy.bin"));
            check("CopyObject", Arrays.equals(body, s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + "copy.bin")).asByteArray()));

            byte[] first = random(2, 5 * 1024 * 1024);
            byte[] second = random(3, 777);
            String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(prefix + "multi.bin")).uploadId();
            String e1 = s3.uploadPart(b -> b.bucket(bucket).key(prefix + "multi.bin").uploadId(upload).partNumber(1),
                    RequestBody.fromBytes(first)).eTag();
            String e2 = s3.uploadPart(b -> b.bucket(bucket).key(prefix + "multi.bin").uploadId(upload).partNumber(2),
                    RequestBody.fromBytes(second)).eTag();
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(prefix + "multi.bin").uploadId(upload)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                            CompletedPart.builder().partNumber(2).eTag(e2).build())));
            byte[] whole = new byte[first.length + second.length];
            System.arraycopy(first, 0, whole, 0, first.length);
            System.arraycopy(second, 0, whole, first.length, second.length);
            check("multipart content", Arrays.equals(whole, s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + "multi.bin")).asByteArray()));

            List<ObjectIdentifier> doomed = new ArrayList<>();
            for (String k : expected) {
                doomed.add(ObjectIdentifier.builder().key(k).build());
                if (doomed.size() == 1000) {
                    s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(doomed).quiet(true)));
                    doomed.clear();
                }
            }
            s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(doomed).quiet(true)));
            check("DeleteObjects emptied the prefix",
                    s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix + "many/")).keyCount() == 0);
            try {
                s3.getObject(b -> b.bucket(bucket).key(prefix + "many/k00000")).close();
                check("a deleted key is gone", false);
            } catch (S3Exception e) {
                check("NoSuchKey: " + e.awsErrorDetails().errorCode(), e.statusCode() == 404
                        && "NoSuchKey".equals(e.awsErrorDetails().errorCode()));
            }
        }
        System.out.println("OK");
    }

    private static void check(String what, boolean ok) {
        if (!ok) {
            System.out.println("FAILED: " + what);
            System.exit(1);
        }
    }

    private static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}

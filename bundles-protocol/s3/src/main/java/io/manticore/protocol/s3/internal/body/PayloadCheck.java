package io.manticore.protocol.s3.internal.body;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.manticore.protocol.s3.internal.auth.Authentication;
import io.manticore.protocol.s3.internal.auth.PayloadMode;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.meta.ObjectStore;
import io.manticore.protocol.s3.internal.op.PayloadDigests;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Computes what a payload must be checked against as it streams in (its MD5 always, the
 * signed SHA-256, the x-amz-checksum the request names) and checks it at the end.
 */
final class PayloadCheck {

    private static final String CHECKSUM_HEADER = "x-amz-checksum-";

    private final MessageDigest md5 = ObjectStore.md5();
    private final MessageDigest sha256;
    private final String signedSha256;
    private final byte[] contentMd5;
    private final Checksum checksum;
    /** The checksum's expected value from a header; null when it comes in a trailer or is only to be reported. */
    private final String expectedChecksum;
    private long length;

    PayloadCheck(HttpHeaders headers, Authentication auth) {
        if (auth.payload() == PayloadMode.SIGNED) {
            sha256 = sha256();
            signedSha256 = auth.payloadSha256().toLowerCase(Locale.ROOT);
        } else {
            sha256 = null;
            signedSha256 = null;
        }
        contentMd5 = contentMd5(headers.get("Content-MD5"));
        Checksum named = null;
        String expected = null;
        for (String algorithm : Checksum.ALGORITHMS) {
            String value = headers.get(CHECKSUM_HEADER + algorithm);
            if (value != null) {
                named = Checksum.of(algorithm);
                expected = value;
                break;
            }
        }
        String trailer = headers.get("x-amz-trailer");
        if (named == null && trailer != null && trailer.toLowerCase(Locale.ROOT).startsWith(CHECKSUM_HEADER)) {
            named = Checksum.of(trailer.trim().substring(CHECKSUM_HEADER.length()));
        }
        String sdkAlgorithm = headers.get("x-amz-sdk-checksum-algorithm");
        if (named == null && sdkAlgorithm != null) {
            named = Checksum.of(sdkAlgorithm);
            if (named == null) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "unknown checksum algorithm " + sdkAlgorithm);
            }
        }
        checksum = named;
        expectedChecksum = expected;
    }

    void update(ByteBuf piece) {
        length += piece.readableBytes();
        for (ByteBuffer b : piece.nioBuffers(piece.readerIndex(), piece.readableBytes())) {
            md5.update(b.duplicate());
            if (sha256 != null) {
                sha256.update(b.duplicate());
            }
            if (checksum != null) {
                checksum.update(b.duplicate());
            }
        }
    }

    long length() {
        return length;
    }

    /** Checks the payload; {@code trailers} are those of an aws-chunked body (lower-case names). */
    PayloadDigests finish(Map<String, String> trailers) {
        byte[] md5Digest = md5.digest();
        if (sha256 != null && !HexFormat.of().formatHex(sha256.digest()).equals(signedSha256)) {
            throw new S3Exception(S3Error.X_AMZ_CONTENT_SHA256_MISMATCH,
                    "the provided 'x-amz-content-sha256' header does not match what was computed");
        }
        if (contentMd5 != null && !MessageDigest.isEqual(contentMd5, md5Digest)) {
            throw new S3Exception(S3Error.BAD_DIGEST, "the Content-MD5 you specified did not match what we received");
        }
        Map<String, String> checksums = new LinkedHashMap<>();
        if (checksum != null) {
            String computed = checksum.base64();
            String expected = expectedChecksum != null ? expectedChecksum : trailers.get(CHECKSUM_HEADER + checksum.algorithm());
            if (expected != null && !expected.trim().equals(computed)) {
                throw new S3Exception(S3Error.BAD_DIGEST, "the " + checksum.algorithm().toUpperCase(Locale.ROOT)
                        + " you specified did not match the calculated checksum");
            }
            checksums.put(checksum.algorithm(), computed);
        }
        return new PayloadDigests(md5Digest, length, checksums);
    }

    private static byte[] contentMd5(String header) {
        if (header == null) {
            return null;
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(header.trim());
            if (md5.length == 16) {
                return md5;
            }
        } catch (IllegalArgumentException notBase64) {
            // Answered below, as for a wrong length.
        }
        throw new S3Exception(S3Error.INVALID_DIGEST, "the Content-MD5 you specified is not valid");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}

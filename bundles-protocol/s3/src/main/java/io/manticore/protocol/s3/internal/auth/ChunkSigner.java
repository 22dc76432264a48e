package io.manticore.protocol.s3.internal.auth;

import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/**
 * The rolling signature of a streaming signed upload: each chunk's signature chains from the one before,
 * the first from the request's own (the seed). One upload, one thread: not thread-safe.
 */
public final class ChunkSigner {

    private static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";
    private static final String TRAILER_ALGORITHM = "AWS4-HMAC-SHA256-TRAILER";

    private final Mac mac;
    private final String timestamp;
    private final String scope;
    private String previousSignature;

    ChunkSigner(byte[] signingKey, String timestamp, String scope, String seedSignature) {
        this.mac = Crypto.hmac(signingKey);
        this.timestamp = timestamp;
        this.scope = scope;
        this.previousSignature = seedSignature;
    }

    /** Checks the signature of a chunk whose data hashes to {@code dataSha256}, and chains on from it. */
    public void verifyChunk(byte[] dataSha256, String signature) throws S3Exception {
        check(chunkSignature(dataSha256), signature, "chunk");
    }

    /** Checks the signature of the trailing headers, whose canonical form hashes to {@code trailerSha256}. */
    public void verifyTrailer(byte[] trailerSha256, String signature) throws S3Exception {
        check(trailerSignature(trailerSha256), signature, "trailer");
    }

    /** sigv4-streaming: the signature the next chunk must carry, given its data's SHA-256. */
    String chunkSignature(byte[] dataSha256) {
        return sign(CHUNK_ALGORITHM + '\n' + timestamp + '\n' + scope + '\n' + previousSignature + '\n'
                + Crypto.EMPTY_SHA256 + '\n' + Crypto.hex(dataSha256));
    }

    /** sigv4-streaming-trailers: the signature of the trailing headers, given their canonical form's SHA-256. */
    String trailerSignature(byte[] trailerSha256) {
        return sign(TRAILER_ALGORITHM + '\n' + timestamp + '\n' + scope + '\n' + previousSignature + '\n'
                + Crypto.hex(trailerSha256));
    }

    private void check(String expected, String provided, String what) {
        if (provided == null || !Crypto.sameSignature(expected, provided)) {
            throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    "The " + what + " signature we calculated does not match the signature you provided.");
        }
        previousSignature = expected;
    }

    private String sign(String stringToSign) {
        return Crypto.hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }
}

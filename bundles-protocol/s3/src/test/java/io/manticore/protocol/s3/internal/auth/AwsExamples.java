package io.manticore.protocol.s3.internal.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.manticore.api.config.S3KeyConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

/** The credentials, time and requests of AWS's published SigV4 examples for S3. */
final class AwsExamples {

    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final S3KeyConfig KEY = new S3KeyConfig(ACCESS_KEY, SECRET_KEY, "alice");
    static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
    static final String TIMESTAMP = "20130524T000000Z";
    static final String SCOPE = "20130524/us-east-1/s3/aws4_request";
    static final String HOST = "examplebucket.s3.amazonaws.com";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String CHUNKED_SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    static final String[] CHUNK_SIGNATURES = {
        "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
        "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
        "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
    };

    private AwsExamples() {
    }

    static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier("us-east-1", key -> key.equals(ACCESS_KEY) ? KEY : null, Clock.fixed(now, ZoneOffset.UTC));
    }

    static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/" + SCOPE + ",SignedHeaders=" + signedHeaders
                + ",Signature=" + signature;
    }

    /** "Example: GET Object": the first 10 bytes of test.txt. */
    static SignedRequest getObject() {
        return new SignedRequest("GET", "/test.txt", "", headers("Host", HOST, "Range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_SHA256, "x-amz-date", TIMESTAMP,
                "Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")));
    }

    /** The headers of "Example: PUT Object" of sigv4-streaming (64 KiB chunks), Authorization included. */
    static HttpHeaders chunkedPutHeaders() {
        return headers("Host", "s3.amazonaws.com", "x-amz-date", TIMESTAMP,
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", "66560",
                "Content-Length", "66824",
                "Authorization", authorization("content-encoding;content-length;host;x-amz-content-sha256;"
                        + "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class", CHUNKED_SEED));
    }

    /** A chunk signer for the streaming example, seeded with {@code seed}. */
    static ChunkSigner chunkSigner(String seed) {
        return new ChunkSigner(SigningKeys.derive(SECRET_KEY, "20130524", "us-east-1"), TIMESTAMP, SCOPE, seed);
    }
}

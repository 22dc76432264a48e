package io.manticore.protocol.s3.internal.auth;

import static io.manticore.protocol.s3.internal.auth.AwsExamples.EMPTY_SHA256;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.HOST;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.KEY;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.TIME;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.TIMESTAMP;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.authorization;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.getObject;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.headers;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.verifierAt;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.junit.Test;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.netty.handler.codec.http.HttpHeaders;

/** Header authentication against AWS's published examples (sig-v4-header-based-auth) and its failures. */
public class SigV4VerifierTest {

    private static final String GET_SIGNED = "host;range;x-amz-content-sha256;x-amz-date";
    private static final String GET_SIGNATURE = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

    @Test
    public void getObjectExampleIsAccepted() {
        Authentication auth = verifierAt(TIME).verify(getObject());
        assertSame(KEY, auth.key());
        assertFalse(auth.isAnonymous());
        assertEquals(PayloadMode.SIGNED, auth.payload());
        assertEquals(EMPTY_SHA256, auth.payloadSha256());
        assertNull(auth.chunkSigner());
    }

    @Test
    public void putObjectExampleIsAcceptedWithTheDollarEncodedOrNot() {
        for (String path : new String[] {"/test%24file.text", "/test$file.text"}) {
            HttpHeaders headers = headers("Host", HOST, "Date", "Fri, 24 May 2013 00:00:00 GMT",
                    "x-amz-date", TIMESTAMP, "x-amz-storage-class", "REDUCED_REDUNDANCY",
                    "x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
                    "Authorization", authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                            "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
            Authentication auth = verifierAt(TIME).verify(new SignedRequest("PUT", path, "", headers));
            assertEquals(PayloadMode.SIGNED, auth.payload());
            assertEquals("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", auth.payloadSha256());
        }
    }

    @Test
    public void getBucketLifecycleExampleIsAcceptedWithAValuelessParameter() {
        for (String query : new String[] {"lifecycle", "lifecycle="}) {
            HttpHeaders headers = headers("Host", HOST, "x-amz-date", TIMESTAMP, "x-amz-content-sha256", EMPTY_SHA256,
                    "Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                            "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));
            assertSame(KEY, verifierAt(TIME).verify(new SignedRequest("GET", "/", query, headers)).key());
        }
    }

    @Test
    public void listObjectsExampleIsAcceptedInAnyParameterOrderAndEncoding() {
        for (String query : new String[] {"max-keys=2&prefix=J", "prefix=J&max-keys=2", "prefix=%4A&max-keys=2"}) {
            assertSame(KEY, verifierAt(TIME).verify(listObjects(query)).key());
        }
        S3Exception e = assertThrows(S3Exception.class, () -> verifierAt(TIME).verify(listObjects("max-keys=2&prefix=K")));
        assertEquals(S3Error.SIGNATURE_DOES_NOT_MATCH, e.error());
    }

    @Test
    public void chunkedUploadExampleSeedGivesAChunkSigner() {
        Authentication auth = verifierAt(TIME).verify(
                new SignedRequest("PUT", "/examplebucket/chunkObject.txt", "", AwsExamples.chunkedPutHeaders()));
        assertEquals(PayloadMode.STREAMING_SIGNED, auth.payload());
        assertNull(auth.payloadSha256());
        assertNotNull(auth.chunkSigner());
        auth.chunkSigner().verifyChunk(Crypto.sha256("a".repeat(65536).getBytes()), AwsExamples.CHUNK_SIGNATURES[0]);
    }

    @Test
    public void headerValuesAreTrimmedInnerSpacesCollapsedAndRepeatsJoined() {
        assertEquals("a b c", CanonicalRequest.headerValue(java.util.List.of("  a   b c  ")));
        assertEquals("one,two words,three", CanonicalRequest.headerValue(java.util.List.of("one ", " two   words", "three")));
        assertEquals("", CanonicalRequest.headerValue(java.util.List.of()));
    }

    @Test
    public void clockSkewUpToFifteenMinutesEitherWayIsAccepted() {
        verifierAt(TIME.plus(Duration.ofMinutes(15))).verify(getObject());
        verifierAt(TIME.minus(Duration.ofMinutes(15))).verify(getObject());
        assertError(S3Error.REQUEST_TIME_TOO_SKEWED, verifierAt(TIME.plus(Duration.ofMinutes(15)).plusSeconds(1)), getObject());
        assertError(S3Error.REQUEST_TIME_TOO_SKEWED, verifierAt(TIME.minus(Duration.ofMinutes(15)).minusSeconds(1)), getObject());
    }

    @Test
    public void noAuthorizationAndNoPresignedParametersIsAnonymous() {
        Authentication auth = verifierAt(TIME).verify(new SignedRequest("GET", "/bucket/key", "prefix=a", headers("Host", HOST)));
        assertTrue(auth.isAnonymous());
        assertEquals(PayloadMode.UNSIGNED, auth.payload());
        assertSame(Authentication.anonymous(), auth);
    }

    @Test
    public void anonymousUnsignedTrailerUploadKeepsItsPayloadMode() {
        Authentication auth = verifierAt(TIME).verify(new SignedRequest("PUT", "/bucket/key", "",
                headers("Host", HOST, "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")));
        assertTrue(auth.isAnonymous());
        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER, auth.payload());
        assertError(S3Error.ACCESS_DENIED, verifierAt(TIME), new SignedRequest("PUT", "/bucket/key", "",
                headers("Host", HOST, "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")));
    }

    @Test
    public void malformedAuthorizationHeadersAreRefused() {
        String credential = "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
        String signed = "SignedHeaders=" + GET_SIGNED;
        String signature = "Signature=" + GET_SIGNATURE;
        String[] malformed = {
            "AWS4-HMAC-SHA256",
            "AWS4-HMAC-SHA256 " + credential + ", " + signed,
            "AWS4-HMAC-SHA256 " + credential + ", " + signature,
            "AWS4-HMAC-SHA256 " + signed + ", " + signature,
            "AWS4-HMAC-SHA256 " + credential + ", " + signed + ", " + signature + ", " + signature,
            "AWS4-HMAC-SHA256 " + credential + ", " + signed + ", " + signature + ", Extra=1",
            "AWS4-HMAC-SHA256 " + credential + ", " + signed + ", " + signature + ",",
            "AWS4-HMAC-SHA256 " + credential + " " + signed + ", " + signature,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3, " + signed + ", " + signature,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/2013052/us-east-1/s3/aws4_request, " + signed + ", " + signature,
            "AWS4-HMAC-SHA256 Credential=/20130524/us-east-1/s3/aws4_request, " + signed + ", " + signature,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/ec2/aws4_request, " + signed + ", " + signature,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws5_request, " + signed + ", " + signature,
            "AWS4-HMAC-SHA256 " + credential + ", SignedHeaders=Host;range, " + signature,
            "AWS4-HMAC-SHA256 " + credential + ", SignedHeaders=host;;range, " + signature,
            "AWS4-HMAC-SHA256 " + credential + ", SignedHeaders=host;host, " + signature,
            "AWS4-HMAC-SHA256 " + credential + ", " + signed + ", Signature=F0E8BDB87C964420E857BD35B5D6ED310BD44F0170ABA48DD91039C6036BDB41",
            "AWS4-HMAC-SHA256 " + credential + ", " + signed + ", Signature=abc",
        };
        for (String value : malformed) {
            SignedRequest request = getObject();
            request.headers().set("Authorization", value);
            assertError(value, S3Error.AUTHORIZATION_HEADER_MALFORMED, verifierAt(TIME), request);
        }
    }

    @Test
    public void otherRegionIsRefusedNamingTheExpectedOne() {
        SignedRequest request = getObject();
        request.headers().set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/eu-west-1/s3/"
                + "aws4_request, SignedHeaders=" + GET_SIGNED + ", Signature=" + GET_SIGNATURE);
        S3Exception e = assertError(S3Error.AUTHORIZATION_HEADER_MALFORMED, verifierAt(TIME), request);
        assertTrue(e.getMessage(), e.getMessage().contains("expecting 'us-east-1'"));
    }

    @Test
    public void otherAuthorizationSchemesAreRefused() {
        for (String value : new String[] {"AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=", "Bearer x",
            "AWS4-ECDSA-P256-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/s3/aws4_request"}) {
            SignedRequest request = getObject();
            request.headers().set("Authorization", value);
            assertError(S3Error.INVALID_REQUEST, verifierAt(TIME), request);
        }
    }

    @Test
    public void unsignedHostIsRefused() {
        SignedRequest request = getObject();
        request.headers().set("Authorization", authorization("range;x-amz-content-sha256;x-amz-date", GET_SIGNATURE));
        assertError(S3Error.AUTHORIZATION_HEADER_MALFORMED, verifierAt(TIME), request);
    }

    @Test
    public void missingOrUnparsableDateIsRefused() {
        SignedRequest request = getObject();
        request.headers().remove("x-amz-date");
        assertError(S3Error.ACCESS_DENIED, verifierAt(TIME), request);
        request.headers().set("x-amz-date", "2013-05-24T00:00:00Z");
        assertError(S3Error.ACCESS_DENIED, verifierAt(TIME), request);
        request.headers().set("x-amz-date", "20130532T000000Z");
        assertError(S3Error.ACCESS_DENIED, verifierAt(TIME), request);
    }

    @Test
    public void credentialDateOtherThanTheRequestDayIsRefused() {
        SignedRequest request = getObject();
        request.headers().set("x-amz-date", "20130523T235959Z");
        assertError(S3Error.AUTHORIZATION_HEADER_MALFORMED, verifierAt(TIME), request);
    }

    @Test
    public void unknownAccessKeyIsRefused() {
        SignedRequest request = getObject();
        request.headers().set("Authorization", request.headers().get("Authorization").replace("AKIAIOSFODNN7EXAMPLE", "AKIDUNKNOWN"));
        assertError(S3Error.INVALID_ACCESS_KEY_ID, verifierAt(TIME), request);
    }

    @Test
    public void missingContentSha256IsAnInvalidRequest() {
        SignedRequest request = getObject();
        request.headers().remove("x-amz-content-sha256");
        S3Exception e = assertError(S3Error.INVALID_REQUEST, verifierAt(TIME), request);
        assertTrue(e.getMessage(), e.getMessage().contains("x-amz-content-sha256"));
    }

    @Test
    public void invalidContentSha256IsAnInvalidArgument() {
        for (String value : new String[] {"abc", "UNSIGNED", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
            EMPTY_SHA256.substring(1) + "g", EMPTY_SHA256 + "0"}) {
            SignedRequest request = getObject();
            request.headers().set("x-amz-content-sha256", value);
            assertError(value, S3Error.INVALID_ARGUMENT, verifierAt(TIME), request);
        }
    }

    @Test
    public void anyChangeToASignedPartBreaksTheSignature() {
        SignedRequest original = getObject();
        SignedRequest[] tampered = {
            new SignedRequest("HEAD", original.rawPath(), "", original.headers()),
            new SignedRequest("GET", "/test.txt2", "", original.headers()),
            new SignedRequest("GET", "/test.txt", "x=1", original.headers()),
            new SignedRequest("GET", "/test.txt", "", original.headers().copy().set("Range", "bytes=0-10")),
            new SignedRequest("GET", "/test.txt", "", original.headers().copy().set("Host", "other.example")),
        };
        for (SignedRequest request : tampered) {
            assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, verifierAt(TIME), request);
        }
    }

    @Test
    public void malformedEscapesAreRefusedWithoutOtherExceptions() {
        for (String path : new String[] {"/test%", "/test%2", "/test%zz.txt", "/%G0"}) {
            assertError(path, S3Error.INVALID_URI, verifierAt(TIME), new SignedRequest("GET", path, "", getObject().headers()));
        }
        for (String query : new String[] {"a=%", "a%=1", "a=%x1"}) {
            assertError(query, S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, verifierAt(TIME),
                    new SignedRequest("GET", "/test.txt", query, getObject().headers()));
        }
    }

    @Test
    public void authorizationHeaderAndPresignedParametersTogetherAreRefused() {
        assertError(S3Error.INVALID_ARGUMENT, verifierAt(TIME),
                new SignedRequest("GET", "/test.txt", "X-Amz-Signature=" + GET_SIGNATURE, getObject().headers()));
    }

    @Test
    public void signingKeysAreCachedBoundedAndFollowAChangedSecret() {
        SigningKeys keys = new SigningKeys("us-east-1");
        for (int i = 0; i < SigningKeys.CAPACITY + 100; i++) {
            keys.signingKey(new io.manticore.api.config.S3KeyConfig("AK" + i, "secret", "u"), "20130524");
        }
        assertEquals(SigningKeys.CAPACITY, keys.size());
        byte[] first = keys.signingKey(KEY, "20130524");
        assertSame(first, keys.signingKey(KEY, "20130524"));
        byte[] changed = keys.signingKey(new io.manticore.api.config.S3KeyConfig(KEY.accessKey(), "other", "alice"), "20130524");
        assertFalse(java.util.Arrays.equals(first, changed));
    }

    private static SignedRequest listObjects(String query) {
        return new SignedRequest("GET", "/", query, headers("Host", HOST, "x-amz-date", TIMESTAMP,
                "x-amz-content-sha256", EMPTY_SHA256, "Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")));
    }

    static S3Exception assertError(S3Error expected, SigV4Verifier verifier, SignedRequest request) {
        return assertError("", expected, verifier, request);
    }

    static S3Exception assertError(String what, S3Error expected, SigV4Verifier verifier, SignedRequest request) {
        S3Exception e = assertThrows(what, S3Exception.class, () -> verifier.verify(request));
        assertEquals(what + ": " + e.getMessage(), expected, e.error());
        return e;
    }
}

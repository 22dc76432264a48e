package io.manticore.protocol.s3.internal.auth;

import static io.manticore.protocol.s3.internal.auth.AwsExamples.HOST;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.KEY;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.TIME;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.headers;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.verifierAt;
import static io.manticore.protocol.s3.internal.auth.SigV4VerifierTest.assertError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.time.Duration;

import org.junit.Test;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/** Query-string authentication against AWS's published example (sigv4-query-string-auth) and its failures. */
public class PresignedUrlTest {

    private static final String SIGNATURE = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    private static final String CREDENTIAL = "AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request";

    @Test
    public void publishedExampleIsAccepted() {
        Authentication auth = verifierAt(TIME).verify(presigned(query("86400", SIGNATURE)));
        assertSame(KEY, auth.key());
        assertEquals(PayloadMode.UNSIGNED, auth.payload());
        assertNull(auth.payloadSha256());
        assertNull(auth.chunkSigner());
    }

    @Test
    public void aSignatureVersion2UrlIsRefusedNotTakenAsAnonymous() {
        assertError(S3Error.INVALID_REQUEST, verifierAt(TIME),
                presigned("AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NW5NFzcOJlxOHCOBFqeinfU%2Be70%3D&Expires=1795334538"));
    }

    @Test
    public void parameterOrderDoesNotMatter() {
        String query = "X-Amz-Signature=" + SIGNATURE + "&X-Amz-SignedHeaders=host&X-Amz-Expires=86400"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Credential=" + CREDENTIAL + "&X-Amz-Algorithm=AWS4-HMAC-SHA256";
        assertSame(KEY, verifierAt(TIME).verify(presigned(query)).key());
    }

    @Test
    public void urlIsValidUntilItsLastSecond() {
        verifierAt(TIME.plusSeconds(86400)).verify(presigned(query("86400", SIGNATURE)));
        S3Exception e = assertError(S3Error.ACCESS_DENIED, verifierAt(TIME.plusSeconds(86401)), presigned(query("86400", SIGNATURE)));
        assertEquals("Request has expired", e.getMessage());
    }

    @Test
    public void urlDatedOverFifteenMinutesAheadIsRefused() {
        verifierAt(TIME.minus(Duration.ofMinutes(15))).verify(presigned(query("86400", SIGNATURE)));
        assertError(S3Error.REQUEST_TIME_TOO_SKEWED, verifierAt(TIME.minus(Duration.ofMinutes(15)).minusSeconds(1)),
                presigned(query("86400", SIGNATURE)));
    }

    @Test
    public void expiresOutsideOneSecondToAWeekIsRefused() {
        for (String expires : new String[] {"0", "604801", "-1", "abc", "", "99999999999999999999"}) {
            assertError(expires, S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, verifierAt(TIME), presigned(query(expires, SIGNATURE)));
        }
    }

    @Test
    public void missingRepeatedOrWrongParametersAreRefused() {
        String full = query("86400", SIGNATURE);
        String[] broken = {
            full.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256&", ""),
            full.replace("&X-Amz-Date=20130524T000000Z", ""),
            full.replace("&X-Amz-Expires=86400", ""),
            full.replace("&X-Amz-SignedHeaders=host", ""),
            full.replace("&X-Amz-Signature=" + SIGNATURE, ""),
            full + "&X-Amz-Signature=" + SIGNATURE,
            full.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"),
            full.replace("us-east-1", "eu-west-1"),
            full.replace("%2Fs3%2F", "%2Fec2%2F"),
            full.replace("aws4_request", "aws4_reqest"),
            full.replace("20130524%2F", "20130523%2F"),
            full.replace("X-Amz-Date=20130524T000000Z", "X-Amz-Date=2013-05-24T00:00:00Z"),
            full.replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x-amz-date"),
            full.replace(SIGNATURE, "00"),
            full + "&bad=%zz",
        };
        for (String query : broken) {
            assertError(query, S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, verifierAt(TIME), presigned(query));
        }
    }

    @Test
    public void otherRegionIsRefusedNamingTheExpectedOne() {
        S3Exception e = assertError(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, verifierAt(TIME),
                presigned(query("86400", SIGNATURE).replace("us-east-1", "eu-west-1")));
        assertEquals("Error parsing the X-Amz-Credential parameter; the region 'eu-west-1' is wrong; expecting 'us-east-1'",
                e.getMessage());
    }

    @Test
    public void unknownKeyAndWrongSignatureAreRefused() {
        assertError(S3Error.INVALID_ACCESS_KEY_ID, verifierAt(TIME),
                presigned(query("86400", SIGNATURE).replace("AKIAIOSFODNN7EXAMPLE", "AKIDOTHER")));
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, verifierAt(TIME), presigned(query("86399", SIGNATURE)));
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, verifierAt(TIME), presigned(query("86400", SIGNATURE) + "&extra=1"));
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, verifierAt(TIME),
                new SignedRequest("GET", "/test.txt", query("86400", SIGNATURE), headers("Host", "other.example")));
    }

    @Test
    public void signedContentSha256HeaderMakesThePayloadSigned() {
        SignedRequest request = presigned(query("86400", SIGNATURE));
        request.headers().set("x-amz-content-sha256", AwsExamples.EMPTY_SHA256);
        assertEquals("an unsigned header does not count", PayloadMode.UNSIGNED, verifierAt(TIME).verify(request).payload());
        // Signed under X-Amz-SignedHeaders it enters the canonical request, so this signature no longer matches.
        SignedRequest signedHeader = new SignedRequest("GET", "/test.txt",
                query("86400", SIGNATURE).replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=host%3Bx-amz-content-sha256"),
                request.headers());
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, verifierAt(TIME), signedHeader);
        signedHeader.headers().set("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertError(S3Error.INVALID_REQUEST, verifierAt(TIME), signedHeader);
    }

    private static String query(String expires, String signature) {
        return "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + CREDENTIAL + "&X-Amz-Date=20130524T000000Z"
                + "&X-Amz-Expires=" + expires + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + signature;
    }

    private static SignedRequest presigned(String query) {
        return new SignedRequest("GET", "/test.txt", query, headers("Host", HOST));
    }
}

package io.manticore.protocol.s3.internal.auth;

import static io.manticore.protocol.s3.internal.auth.SigV4VerifierTest.assertError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.Test;

import io.manticore.api.config.S3KeyConfig;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

/** Requests signed by an independent test signer are accepted, for awkward keys and parameters too. */
public class SigV4RoundTripTest {

    private static final S3KeyConfig KEY = new S3KeyConfig("AKROUNDTRIP", "s3cr3t/with+chars=", "bob");
    private static final Instant NOW = Instant.parse("2026-10-01T12:34:56Z");
    private static final String TIMESTAMP = "20261001T123456Z";
    private static final TestSigner SIGNER = new TestSigner(KEY.accessKey(), KEY.secretKey(), "eu-central-1");

    private final SigV4Verifier verifier = new SigV4Verifier("eu-central-1",
            key -> key.equals(KEY.accessKey()) ? KEY : null, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    public void awkwardObjectKeysRoundTrip() {
        String[] keys = {"/bucket/a b", "/bucket/a+b", "/bucket/100%", "/bucket/ключ/é.txt", "/bucket/日本語 ファイル",
            "/bucket/emoji-\uD83D\uDE00", "/bucket/a//b/", "/bucket/!'()*$&=,;:@", "/bucket/tilde~dot.dash-under_",
            "/bucket/%2F-literal"};
        for (String key : keys) {
            SignedRequest request = signed("PUT", key, TestSigner.encode(key, true), Map.of(), "");
            assertSame(key, KEY, verifier.verify(request).key());
        }
    }

    @Test
    public void pathsAreDecodedOnceNotTwice() {
        // Sent with '$' and '@' raw: S3 decodes the path once and re-encodes it, so the signature still matches.
        SignedRequest raw = signed("GET", "/bucket/a$b@c", "/bucket/a$b@c", Map.of(), "");
        assertSame(KEY, verifier.verify(raw).key());
        // "%2520" is a literal "%20" in the key, not a space.
        SignedRequest literal = signed("GET", "/bucket/a%20b", "/bucket/a%2520b", Map.of(), "");
        assertSame(KEY, verifier.verify(literal).key());
        SignedRequest wrong = new SignedRequest("GET", "/bucket/a%20b", "", literal.headers());
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, verifier, wrong);
    }

    @Test
    public void plusInAPathIsAPlusNotASpace() {
        SignedRequest plus = signed("GET", "/bucket/a+b", "/bucket/a+b", Map.of(), "");
        assertSame(KEY, verifier.verify(plus).key());
        SignedRequest space = signed("GET", "/bucket/a b", "/bucket/a+b", Map.of(), "");
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, verifier, space);
    }

    @Test
    public void awkwardQueryParametersRoundTrip() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("prefix", "dir/sub dir/ключ+%");
        query.put("delimiter", "/");
        query.put("list-type", "2");
        query.put("uploads", "");
        query.put("continuation-token", "a==b/c+d");
        String rawQuery = "prefix=" + TestSigner.encode("dir/sub dir/ключ+%", false) + "&delimiter=/&list-type=2&uploads"
                + "&continuation-token=a%3D%3Db%2Fc%2Bd";
        SignedRequest request = signed("GET", "/bucket", "/bucket", query, rawQuery);
        assertSame(KEY, verifier.verify(request).key());
    }

    @Test
    public void repeatedParametersSortByValueAndBareNamesHaveEmptyValues() {
        assertEquals("a=1&a=2&b=", QueryParameter.canonical(QueryParameter.parse("b&a=2&a=1")));
    }

    @Test
    public void innerSpacesOfAHeaderValueCollapse() {
        Map<String, String> headers = Map.of("host", "s3.local", "x-amz-date", TIMESTAMP,
                "x-amz-content-sha256", "UNSIGNED-PAYLOAD", "x-amz-meta-note", "a   b  c");
        String signature = SIGNER.signature("PUT", "/bucket/k", Map.of(), headers, "UNSIGNED-PAYLOAD", TIMESTAMP);
        HttpHeaders sent = new DefaultHttpHeaders();
        headers.forEach(sent::add);
        sent.set("x-amz-meta-note", "a b      c");
        sent.add("Authorization", SIGNER.authorization(headers, TIMESTAMP, signature));
        Authentication auth = verifier.verify(new SignedRequest("PUT", "/bucket/k", "", sent));
        assertEquals(PayloadMode.UNSIGNED, auth.payload());
    }

    @Test
    public void nonAsciiHeaderBytesAreSignedAsReceived() {
        // Netty hands a header's bytes over one char per byte; the client signed the UTF-8 bytes.
        String utf8AsLatin1 = new String("café".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        Map<String, String> headers = Map.of("host", "s3.local", "x-amz-date", TIMESTAMP,
                "x-amz-content-sha256", "UNSIGNED-PAYLOAD", "x-amz-meta-name", "café");
        String signature = SIGNER.signature("GET", "/bucket/k", Map.of(), headers, "UNSIGNED-PAYLOAD", TIMESTAMP);
        HttpHeaders sent = new DefaultHttpHeaders();
        headers.forEach(sent::add);
        sent.set("x-amz-meta-name", utf8AsLatin1);
        sent.add("Authorization", SIGNER.authorization(headers, TIMESTAMP, signature));
        assertSame(KEY, verifier.verify(new SignedRequest("GET", "/bucket/k", "", sent)).key());
    }

    @Test
    public void presignedUrlWithSignedContentSha256HasASignedPayload() {
        String sha256 = TestSigner.sha256Hex("hello".getBytes(StandardCharsets.UTF_8));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", KEY.accessKey() + "/20261001/eu-central-1/s3/aws4_request");
        query.put("X-Amz-Date", TIMESTAMP);
        query.put("X-Amz-Expires", "300");
        query.put("X-Amz-SignedHeaders", "host;x-amz-content-sha256");
        query.put("partNumber", "1");
        Map<String, String> headers = Map.of("host", "s3.local", "x-amz-content-sha256", sha256);
        String signature = SIGNER.signature("PUT", "/bucket/k", query, headers, sha256, TIMESTAMP);
        HttpHeaders sent = new DefaultHttpHeaders();
        headers.forEach(sent::add);
        String rawQuery = TestSigner.query(query) + "&X-Amz-Signature=" + signature;
        Authentication auth = verifier.verify(new SignedRequest("PUT", "/bucket/k", rawQuery, sent));
        assertSame(KEY, auth.key());
        assertEquals(PayloadMode.SIGNED, auth.payload());
        assertEquals(sha256, auth.payloadSha256());
    }

    private SignedRequest signed(String method, String decodedPath, String rawPath, Map<String, String> query, String rawQuery) {
        Map<String, String> headers = Map.of("host", "s3.local:9000", "x-amz-date", TIMESTAMP,
                "x-amz-content-sha256", Crypto.EMPTY_SHA256);
        String signature = SIGNER.signature(method, decodedPath, query, headers, Crypto.EMPTY_SHA256, TIMESTAMP);
        HttpHeaders sent = new DefaultHttpHeaders();
        headers.forEach(sent::add);
        sent.add("Authorization", SIGNER.authorization(headers, TIMESTAMP, signature));
        return new SignedRequest(method, rawPath, rawQuery, sent);
    }
}

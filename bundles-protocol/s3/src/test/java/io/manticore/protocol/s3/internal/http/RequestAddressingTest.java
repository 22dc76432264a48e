package io.manticore.protocol.s3.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import org.junit.Test;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

public class RequestAddressingTest {

    @Test
    public void serviceHasNoBucket() {
        S3Request r = parse("/", "localhost", null);
        assertNull(r.bucket());
        assertNull(r.key());
        assertEquals("/", r.rawPath());
        assertEquals("", r.rawQuery());
    }

    @Test
    public void pathStyleBucket() {
        S3Request r = parse("/bucket", "localhost:9000", null);
        assertEquals("bucket", r.bucket());
        assertNull(r.key());
        r = parse("/bucket/", "localhost:9000", null);
        assertEquals("bucket", r.bucket());
        assertNull(r.key());
    }

    @Test
    public void pathStyleKeyIsDecoded() {
        S3Request r = parse("/bucket/dir/%C3%A9t%C3%A9+x.txt?list-type=2&prefix=a%2F", "localhost", null);
        assertEquals("bucket", r.bucket());
        assertEquals("dir/été+x.txt", r.key());
        assertEquals("/bucket/dir/%C3%A9t%C3%A9+x.txt", r.rawPath());
        assertEquals("list-type=2&prefix=a%2F", r.rawQuery());
        assertEquals("a/", r.query().get("prefix"));
    }

    @Test
    public void keyKeepsItsTrailingAndInnerSlashes() {
        assertEquals("dir/", parse("/bucket/dir/", "localhost", null).key());
        assertEquals("a//b", parse("/bucket/a//b", "localhost", null).key());
    }

    @Test
    public void virtualHostedStyle() {
        S3Request r = parse("/dir/file", "photos.s3.example.com", "s3.example.com");
        assertEquals("photos", r.bucket());
        assertEquals("dir/file", r.key());
        r = parse("/", "photos.s3.example.com:8080", "s3.example.com");
        assertEquals("photos", r.bucket());
        assertNull(r.key());
    }

    @Test
    public void hostNameCaseIsIgnored() {
        assertEquals("photos", parse("/", "Photos.S3.Example.COM", "s3.example.com").bucket());
    }

    @Test
    public void theDomainItselfIsPathStyle() {
        S3Request r = parse("/bucket/key", "s3.example.com", "s3.example.com");
        assertEquals("bucket", r.bucket());
        assertEquals("key", r.key());
    }

    @Test
    public void otherHostsArePathStyle() {
        S3Request r = parse("/bucket/key", "127.0.0.1:9000", "s3.example.com");
        assertEquals("bucket", r.bucket());
        assertEquals("key", r.key());
    }

    @Test
    public void hostBucketRules() {
        assertEquals("b", RequestAddressing.hostBucket("b.example.com", "example.com"));
        assertEquals("b", RequestAddressing.hostBucket("b.example.com:443", "example.com"));
        assertEquals("a.b", RequestAddressing.hostBucket("a.b.example.com", "example.com"));
        assertNull(RequestAddressing.hostBucket("example.com", "example.com"));
        assertNull(RequestAddressing.hostBucket("bexample.com", "example.com"));
        assertNull(RequestAddressing.hostBucket(null, "example.com"));
        assertNull(RequestAddressing.hostBucket("b.example.com", null));
    }

    @Test
    public void absoluteFormTargetIsInvalidUri() {
        assertInvalidUri("http://bucket.example.com/key");
        assertInvalidUri("*");
    }

    @Test
    public void brokenEscapeInThePathIsInvalidUri() {
        assertInvalidUri("/bucket/%E2%98");
    }

    private static S3Request parse(String uri, String host, String domain) {
        DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        request.headers().set("Host", host);
        return RequestAddressing.parse("id", request, domain);
    }

    private static void assertInvalidUri(String uri) {
        try {
            parse(uri, "localhost", null);
            fail("accepted " + uri);
        } catch (S3Exception e) {
            assertEquals(S3Error.INVALID_URI, e.error());
        }
    }
}

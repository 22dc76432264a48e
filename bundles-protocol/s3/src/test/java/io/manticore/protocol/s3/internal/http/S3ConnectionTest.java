package io.manticore.protocol.s3.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.config.S3KeyConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.cred.Cred;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.protocol.s3.internal.S3Context;
import io.manticore.protocol.s3.internal.client.S3Clients;
import io.manticore.protocol.s3.internal.op.Router;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

public class S3ConnectionTest {

    private static final int IDLE_SECONDS = 5;
    private static final int HEADER_SECONDS = 2;

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private TestVfs fs;
    private EmbeddedChannel channel;
    private final StringBuilder received = new StringBuilder();

    @Before
    public void setUp() {
        fs = new TestVfs();
        fs.write(Cred.ROOT, "/mem/b/one.txt", bytes("first"));
        fs.write(Cred.ROOT, "/mem/b/two.txt", bytes("second object"));
        fs.mkdirs(Cred.ROOT, "/mem/private");
        fs.bucket("b", "/mem/b", true).bucket("private", "/mem/private", false);
        fs.s3(new S3Settings("us-east-1", null, null, IDLE_SECONDS, HEADER_SECONDS));
        S3Context context = new S3Context(SyncVfs.wrap(fs.vfs()), fs.configService(), Clock.systemUTC());
        channel = new EmbeddedChannel();
        new S3Pipeline(context, new Router(), new S3Clients()).install(channel);
        channel.pipeline().fireChannelActive();
    }

    @After
    public void tearDown() {
        channel.finishAndReleaseAll();
        fs.close();
    }

    @Test
    public void getReturnsTheObject() {
        send("GET /b/one.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 200 OK", r.statusLine);
        assertEquals("5", r.header("content-length"));
        assertEquals("first", r.body);
        assertTrue(channel.isOpen());
    }

    @Test
    public void pipelinedGetsAreAnsweredInOrder() {
        send("GET /b/two.txt HTTP/1.1\r\nHost: localhost\r\n\r\nGET /b/one.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response first = next(false);
        Response second = next(false);
        assertEquals("HTTP/1.1 200 OK", first.statusLine);
        assertEquals("second object", first.body);
        assertEquals("HTTP/1.1 200 OK", second.statusLine);
        assertEquals("first", second.body);
        assertNotEquals(first.header("x-amz-request-id"), second.header("x-amz-request-id"));
        assertNothingMore();
        assertTrue(channel.isOpen());
    }

    @Test
    public void pipelinedRequestsSentByteByByteAreAnsweredInOrder() {
        String requests = "GET /b/one.txt HTTP/1.1\r\nHost: localhost\r\n\r\nHEAD /b/missing HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /b/two.txt HTTP/1.1\r\nHost: localhost\r\n\r\n";
        for (char c : requests.toCharArray()) {
            send(String.valueOf(c));
        }
        assertEquals("first", next(false).body);
        assertEquals("HTTP/1.1 404 Not Found", next(true).statusLine);
        assertEquals("second object", next(false).body);
        assertNothingMore();
    }

    @Test
    public void headOfAMissingKeyIs404WithoutBodyAndKeepsTheConnection() {
        send("HEAD /b/missing.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response head = next(true);
        assertEquals("HTTP/1.1 404 Not Found", head.statusLine);
        assertEquals("", head.body);
        assertNull(head.header("connection"));
        assertTrue(channel.isOpen());
        send("GET /b/one.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response get = next(false);
        assertEquals("HTTP/1.1 200 OK", get.statusLine);
        assertEquals("first", get.body);
    }

    @Test
    public void getOfAMissingKeyIsNoSuchKey() {
        send("GET /b/missing.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 404 Not Found", r.statusLine);
        assertEquals("application/xml", r.header("content-type"));
        assertTrue(r.body, r.body.contains("<Code>NoSuchKey</Code>"));
        assertTrue(r.body, r.body.contains("<Key>missing.txt</Key>"));
        assertTrue(r.body, r.body.contains("<RequestId>" + r.header("x-amz-request-id") + "</RequestId>"));
        assertTrue(channel.isOpen());
    }

    @Test
    public void headOfAnObjectHasItsLengthButNoBody() {
        send("HEAD /b/two.txt HTTP/1.1\r\nHost: localhost\r\n\r\nGET /b/one.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response head = next(true);
        assertEquals("HTTP/1.1 200 OK", head.statusLine);
        assertEquals("13", head.header("content-length"));
        assertEquals("", head.body);
        assertEquals("first", next(false).body);
    }

    @Test
    public void percentEncodedUnicodeKeyIsFound() {
        fs.write(Cred.ROOT, "/mem/b/dir/été.txt", bytes("accent"));
        send("GET /b/dir/%C3%A9t%C3%A9.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 200 OK", r.statusLine);
        assertEquals("accent", r.body);
    }

    @Test
    public void rawUtf8KeyIsFound() {
        fs.write(Cred.ROOT, "/mem/b/dir/été.txt", bytes("accent"));
        channel.writeInbound(Unpooled.copiedBuffer("GET /b/dir/été.txt HTTP/1.1\r\nHost: localhost\r\n\r\n",
                StandardCharsets.UTF_8));
        Response r = next(false);
        assertEquals("HTTP/1.1 200 OK", r.statusLine);
        assertEquals("accent", r.body);
    }

    @Test
    public void rangeGetIsPartialContent() {
        send("GET /b/two.txt HTTP/1.1\r\nHost: localhost\r\nRange: bytes=7-\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 206 Partial Content", r.statusLine);
        assertEquals("bytes 7-12/13", r.header("content-range"));
        assertEquals("object", r.body);
    }

    @Test
    public void requestLineOver16KibIsRefusedAndTheConnectionClosed() {
        send("GET /b/" + "a".repeat(17 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 400 Bad Request", r.statusLine);
        assertTrue(r.body, r.body.contains("<Code>RequestHeaderSectionTooLarge</Code>"));
        assertEquals("close", r.header("connection"));
        assertNotNull(r.header("x-amz-request-id"));
        assertFalse(channel.isOpen());
    }

    @Test
    public void headerOver16KibIsRefusedAndTheConnectionClosed() {
        send("GET /b/one.txt HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "v".repeat(17 * 1024) + "\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 400 Bad Request", r.statusLine);
        assertTrue(r.body, r.body.contains("<Code>RequestHeaderSectionTooLarge</Code>"));
        assertEquals("close", r.header("connection"));
        assertFalse(channel.isOpen());
    }

    @Test
    public void signedPutThenGetRoundTrips() {
        fs.user("admin", 0, 0).accessKey(new S3KeyConfig("AKIDADMIN", "admin-secret", "admin"));
        HeaderSigner signer = new HeaderSigner("AKIDADMIN", "admin-secret", "us-east-1");
        byte[] content = bytes("signed été content");
        send(signer.request("PUT", "/b/dir/new.txt", "localhost", content, Instant.now()));
        Response put = next(false);
        assertEquals(put.body, "HTTP/1.1 200 OK", put.statusLine);
        assertEquals("\"" + md5Hex(content) + "\"", put.header("etag"));
        send("GET /b/dir/new.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response get = next(false);
        assertEquals("HTTP/1.1 200 OK", get.statusLine);
        assertEquals("signed été content", get.body);
        assertEquals("\"" + md5Hex(content) + "\"", get.header("etag"));
    }

    @Test
    public void badSignatureIsSignatureDoesNotMatch() {
        fs.user("admin", 0, 0).accessKey(new S3KeyConfig("AKIDADMIN", "admin-secret", "admin"));
        HeaderSigner signer = new HeaderSigner("AKIDADMIN", "wrong-secret", "us-east-1");
        send(signer.request("PUT", "/b/x.txt", "localhost", bytes("x"), Instant.now()));
        Response r = next(false);
        assertEquals("HTTP/1.1 403 Forbidden", r.statusLine);
        assertTrue(r.body, r.body.contains("<Code>SignatureDoesNotMatch</Code>"));
        send("GET /b/x.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals("HTTP/1.1 404 Not Found", next(false).statusLine);
    }

    @Test
    public void malformedRequestLineIsInvalidRequestAndTheConnectionClosed() {
        send("HELLO\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 400 Bad Request", r.statusLine);
        assertTrue(r.body, r.body.contains("<Code>InvalidRequest</Code>"));
        assertEquals("close", r.header("connection"));
        assertFalse(channel.isOpen());
    }

    @Test
    public void relativeRequestTargetIsInvalidUri() {
        send("GET b/one.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 400 Bad Request", r.statusLine);
        assertTrue(r.body, r.body.contains("<Code>InvalidURI</Code>"));
    }

    @Test
    public void anonymousPutIsAccessDenied() {
        send("PUT /b/new.txt HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello");
        Response r = next(false);
        assertEquals("HTTP/1.1 403 Forbidden", r.statusLine);
        assertTrue(r.body, r.body.contains("<Code>AccessDenied</Code>"));
        assertNotNull(r.header("x-amz-request-id"));
        // The body was read whole: the connection can carry the next request.
        assertTrue(channel.isOpen());
        send("GET /b/new.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals("HTTP/1.1 404 Not Found", next(false).statusLine);
    }

    @Test
    public void anonymousPutWithBodyStillComingClosesTheConnection() {
        send("PUT /b/new.txt HTTP/1.1\r\nHost: localhost\r\nContent-Length: 50\r\n\r\nhello");
        Response r = next(false);
        assertEquals("HTTP/1.1 403 Forbidden", r.statusLine);
        assertEquals("close", r.header("connection"));
        assertFalse(channel.isOpen());
    }

    @Test
    public void anonymousGetOfAPrivateBucketIsAccessDenied() {
        send("GET /private/x HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 403 Forbidden", r.statusLine);
        assertTrue(r.body, r.body.contains("<Code>AccessDenied</Code>"));
    }

    @Test
    public void unknownSubResourceIsNotImplemented() {
        send("GET /b/one.txt?acl HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 501 Not Implemented", r.statusLine);
        assertTrue(r.body, r.body.contains("<Code>NotImplemented</Code>"));
        assertTrue(channel.isOpen());
    }

    @Test
    public void anonymousListBucketsIsAccessDeniedAndTheConnectionStays() {
        send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 403 Forbidden", r.statusLine);
        assertEquals("application/xml", r.header("content-type"));
        assertTrue(r.body, r.body.contains("<Code>AccessDenied</Code>"));
        assertFalse(r.body, r.body.contains("private"));
        assertTrue(channel.isOpen());
    }

    @Test
    public void methodNotAllowedOnTheService() {
        send("DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Response r = next(false);
        assertEquals("HTTP/1.1 405 Method Not Allowed", r.statusLine);
        assertTrue(r.body, r.body.contains("<Code>MethodNotAllowed</Code>"));
    }

    @Test
    public void everyResponseCarriesARequestId() {
        send("GET /b/one.txt HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "HEAD /b/missing HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /b/one.txt?tagging HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "PUT /b/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
        List<String> ids = new ArrayList<>();
        for (boolean head : new boolean[] {false, true, false, false, false}) {
            Response r = next(head);
            String id = r.header("x-amz-request-id");
            assertNotNull(r.statusLine, id);
            assertFalse(id.isEmpty());
            assertNotNull(r.header("x-amz-id-2"));
            assertNotNull(r.header("date"));
            assertFalse(ids.contains(id));
            ids.add(id);
        }
        assertNothingMore();
    }

    @Test
    public void unreadBodyOfAGetIsReleasedWithTheAnswer() {
        ByteBuf in = Unpooled.copiedBuffer("GET /b/one.txt HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello",
                StandardCharsets.ISO_8859_1);
        channel.writeInbound(in);
        Response r = next(false);
        assertEquals("HTTP/1.1 200 OK", r.statusLine);
        assertEquals("first", r.body);
        assertEquals(0, in.refCnt());
        send("GET /b/two.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals("second object", next(false).body);
    }

    @Test
    public void bodyOfARefusedPutIsReleased() {
        ByteBuf in = Unpooled.copiedBuffer("PUT /b/new.txt HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello",
                StandardCharsets.ISO_8859_1);
        channel.writeInbound(in);
        assertEquals("HTTP/1.1 403 Forbidden", next(false).statusLine);
        assertEquals(0, in.refCnt());
    }

    @Test
    public void connectionCloseIsHonoured() {
        send("GET /b/one.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        Response r = next(false);
        assertEquals("first", r.body);
        assertEquals("close", r.header("connection"));
        assertFalse(channel.isOpen());
    }

    @Test
    public void idleConnectionIsClosedAfterTheIdleTimeout() {
        advance(IDLE_SECONDS - 1);
        assertTrue(channel.isOpen());
        advance(2);
        assertFalse(channel.isOpen());
    }

    @Test
    public void idleTimeoutStartsAgainAfterEachResponse() {
        advance(IDLE_SECONDS - 1);
        send("GET /b/one.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals("first", next(false).body);
        advance(IDLE_SECONDS - 1);
        assertTrue(channel.isOpen());
        advance(2);
        assertFalse(channel.isOpen());
    }

    @Test
    public void incompleteHeadersAreCutAfterTheHeaderTimeout() {
        send("GET /b/one.txt HTTP/1.1\r\nHo");
        advance(HEADER_SECONDS - 1);
        assertTrue(channel.isOpen());
        send("st: localhost\r\nX-Slow: 1");
        advance(2);
        assertFalse(channel.isOpen());
        assertNothingMore();
    }

    // --- driving the channel

    private void send(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        drain();
    }

    private void advance(int seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        drain();
    }

    private void drain() {
        for (int i = 0; i < 100; i++) {
            channel.runPendingTasks();
            Object out;
            while ((out = channel.readOutbound()) != null) {
                ByteBuf buf = (ByteBuf) out;
                try {
                    received.append(buf.toString(StandardCharsets.ISO_8859_1));
                } finally {
                    buf.release();
                }
            }
            if (!channel.hasPendingTasks()) {
                return;
            }
        }
    }

    private void assertNothingMore() {
        drain();
        assertEquals("", received.toString());
    }

    /** The next response received; {@code head} when it answers a HEAD (no body despite its Content-Length). */
    private Response next(boolean head) {
        drain();
        String raw = received.toString();
        int end = raw.indexOf("\r\n\r\n");
        assertTrue("no complete response in: " + raw, end >= 0);
        String[] lines = raw.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = head || headers.get("content-length") == null ? 0 : Integer.parseInt(headers.get("content-length"));
        int bodyStart = end + 4;
        assertTrue("body incomplete: " + raw, raw.length() >= bodyStart + length);
        byte[] body = raw.substring(bodyStart, bodyStart + length).getBytes(StandardCharsets.ISO_8859_1);
        received.delete(0, bodyStart + length);
        return new Response(lines[0], headers, new String(body, StandardCharsets.UTF_8));
    }

    private record Response(String statusLine, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package io.manticore.protocol.s3.internal.body;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.config.S3KeyConfig;
import io.manticore.protocol.s3.internal.auth.Authentication;
import io.manticore.protocol.s3.internal.auth.PayloadMode;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.op.PayloadDigests;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ImmediateEventExecutor;

public class HttpRequestBodyTest {

    private static final S3KeyConfig KEY = new S3KeyConfig("AKID", "secret", "alice");

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger continues = new AtomicInteger();

    @Test
    public void piecesComeOutInOrderThenNull() {
        HttpRequestBody body = body(headers("Content-Length", "9"), Authentication.anonymous());
        body.offer(content("abc"));
        body.offer(content("def"));
        assertFalse(body.received());
        body.offer(last("ghi"));
        assertTrue(body.received());
        assertEquals("abc", text(body.next()));
        assertEquals("def", text(body.next()));
        assertEquals("ghi", text(body.next()));
        assertNull(join(body.next()));
        assertEquals(9, body.declaredLength());
        PayloadDigests digests = body.digests();
        assertEquals(9, digests.length());
        assertArrayEquals(md5("abcdefghi"), digests.md5());
        assertEquals(Map.of(), digests.checksums());
    }

    @Test
    public void pullBeforeDataWaitsForIt() {
        HttpRequestBody body = body(headers("Content-Length", "3"), Authentication.anonymous());
        CompletableFuture<ByteBuf> first = body.next().toCompletableFuture();
        assertFalse(first.isDone());
        assertEquals(1, reads.get());
        body.offer(content("abc"));
        assertEquals("abc", text(first));
        CompletableFuture<ByteBuf> end = body.next().toCompletableFuture();
        assertFalse(end.isDone());
        assertEquals(2, reads.get());
        body.offer(LastHttpContent.EMPTY_LAST_CONTENT);
        assertNull(join(end));
    }

    @Test
    public void emptyPiecesAreSkipped() {
        HttpRequestBody body = body(headers("Content-Length", "2"), Authentication.anonymous());
        body.offer(content(""));
        body.offer(content("ab"));
        body.offer(last(""));
        assertEquals("ab", text(body.next()));
        assertNull(join(body.next()));
    }

    @Test
    public void bodyWithoutContentLengthHasNoDeclaredLength() {
        HttpRequestBody body = body(headers(), Authentication.anonymous());
        assertEquals(-1, body.declaredLength());
        body.offer(last("xyz"));
        assertEquals("xyz", text(body.next()));
        assertNull(join(body.next()));
        assertEquals(3, body.digests().length());
    }

    @Test
    public void shorterThanContentLengthIsIncompleteBody() {
        HttpRequestBody body = body(headers("Content-Length", "10"), Authentication.anonymous());
        body.offer(content("abc"));
        body.offer(last("def"));
        assertEquals("abc", text(body.next()));
        assertEquals("def", text(body.next()));
        assertFailure(S3Error.INCOMPLETE_BODY, body.next());
        assertFailure(S3Error.INCOMPLETE_BODY, body.next());
        assertNull(body.digests());
    }

    @Test
    public void longerThanContentLengthFails() {
        HttpRequestBody body = body(headers("Content-Length", "2"), Authentication.anonymous());
        ByteBuf data = Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII);
        body.offer(new DefaultLastHttpContent(data));
        assertEquals(0, data.refCnt());
        assertFailure(S3Error.INVALID_REQUEST, body.next());
    }

    @Test
    public void contentLengthThatIsNotANumberIsInvalidArgument() {
        assertConstructorRefuses(S3Error.INVALID_ARGUMENT, headers("Content-Length", "ten"), Authentication.anonymous());
        assertConstructorRefuses(S3Error.INVALID_ARGUMENT, headers("Content-Length", "-1"), Authentication.anonymous());
    }

    @Test
    public void contentLengthPastFiveGibIsEntityTooLarge() {
        assertConstructorRefuses(S3Error.ENTITY_TOO_LARGE,
                headers("Content-Length", Long.toString(HttpRequestBody.MAX_PUT_BYTES + 1)), Authentication.anonymous());
    }

    @Test
    public void signedSha256MatchingPasses() {
        HttpRequestBody body = body(headers("Content-Length", "6"),
                new Authentication(KEY, PayloadMode.SIGNED, sha256Hex("abcdef").toUpperCase(), null));
        body.offer(content("abc"));
        body.offer(last("def"));
        assertEquals("abc", text(body.next()));
        assertEquals("def", text(body.next()));
        assertNull(join(body.next()));
    }

    @Test
    public void signedSha256MismatchFailsTheLastPull() {
        HttpRequestBody body = body(headers("Content-Length", "6"),
                new Authentication(KEY, PayloadMode.SIGNED, sha256Hex("abcdeX"), null));
        body.offer(content("abc"));
        body.offer(last("def"));
        assertEquals("abc", text(body.next()));
        assertEquals("def", text(body.next()));
        assertFailure(S3Error.X_AMZ_CONTENT_SHA256_MISMATCH, body.next());
    }

    @Test
    public void contentMd5MatchingPasses() {
        HttpRequestBody body = body(headers("Content-Length", "5", "Content-MD5", Base64.getEncoder().encodeToString(md5("hello"))),
                Authentication.anonymous());
        body.offer(last("hello"));
        assertEquals("hello", text(body.next()));
        assertNull(join(body.next()));
        assertArrayEquals(md5("hello"), body.digests().md5());
    }

    @Test
    public void wrongContentMd5IsBadDigest() {
        HttpRequestBody body = body(headers("Content-Length", "5", "Content-MD5", Base64.getEncoder().encodeToString(md5("hellO"))),
                Authentication.anonymous());
        body.offer(last("hello"));
        assertEquals("hello", text(body.next()));
        assertFailure(S3Error.BAD_DIGEST, body.next());
    }

    @Test
    public void malformedContentMd5IsInvalidDigest() {
        assertConstructorRefuses(S3Error.INVALID_DIGEST, headers("Content-Length", "5", "Content-MD5", "not base64!"),
                Authentication.anonymous());
        assertConstructorRefuses(S3Error.INVALID_DIGEST, headers("Content-Length", "5", "Content-MD5", "AAAA"),
                Authentication.anonymous());
    }

    @Test
    public void checksumHeaderMatchingIsReported() {
        HttpRequestBody body = body(headers("Content-Length", "9", "x-amz-checksum-crc32", "y/Q5Jg=="), Authentication.anonymous());
        body.offer(content("1234"));
        body.offer(last("56789"));
        assertEquals("1234", text(body.next()));
        assertEquals("56789", text(body.next()));
        assertNull(join(body.next()));
        assertEquals(Map.of("crc32", "y/Q5Jg=="), body.digests().checksums());
    }

    @Test
    public void checksumHeaderWrongIsBadDigest() {
        HttpRequestBody body = body(headers("Content-Length", "9", "x-amz-checksum-crc32", "4waSgw=="), Authentication.anonymous());
        body.offer(last("123456789"));
        assertEquals("123456789", text(body.next()));
        assertFailure(S3Error.BAD_DIGEST, body.next());
    }

    @Test
    public void sdkChecksumAlgorithmIsComputedAndReported() {
        HttpRequestBody body = body(headers("Content-Length", "9", "x-amz-sdk-checksum-algorithm", "CRC32C"),
                Authentication.anonymous());
        body.offer(last("123456789"));
        assertEquals("123456789", text(body.next()));
        assertNull(join(body.next()));
        assertEquals(Map.of("crc32c", "4waSgw=="), body.digests().checksums());
    }

    @Test
    public void unknownSdkChecksumAlgorithmIsInvalidRequest() {
        assertConstructorRefuses(S3Error.INVALID_REQUEST, headers("Content-Length", "1", "x-amz-sdk-checksum-algorithm", "md4"),
                Authentication.anonymous());
    }

    @Test
    public void readAllJoinsThePieces() {
        HttpRequestBody body = body(headers("Content-Length", "9"), Authentication.anonymous());
        CompletionStage<ByteBuf> all = body.readAll(9);
        body.offer(content("abc"));
        body.offer(content("def"));
        body.offer(last("ghi"));
        assertEquals("abcdefghi", text(all));
    }

    @Test
    public void readAllPastMaxIsEntityTooLargeWithoutLeaks() {
        HttpRequestBody body = body(headers("Content-Length", "9"), Authentication.anonymous());
        ByteBuf[] data = {Unpooled.copiedBuffer("abcd", StandardCharsets.US_ASCII),
            Unpooled.copiedBuffer("efgh", StandardCharsets.US_ASCII), Unpooled.copiedBuffer("i", StandardCharsets.US_ASCII)};
        CompletionStage<ByteBuf> all = body.readAll(5);
        body.offer(new DefaultHttpContent(data[0]));
        body.offer(new DefaultHttpContent(data[1]));
        assertFailure(S3Error.ENTITY_TOO_LARGE, all);
        assertEquals(0, data[0].refCnt());
        assertEquals(0, data[1].refCnt());
        body.offer(new DefaultLastHttpContent(data[2]));
        // The connection aborts the body of a failed operation: what is still queued goes with it.
        body.abort(new S3Exception(S3Error.ENTITY_TOO_LARGE, "too large"));
        assertEquals(0, data[2].refCnt());
    }

    @Test
    public void readAllPastMaxWithEverythingQueuedReleasesOnAbort() {
        HttpRequestBody body = body(headers("Content-Length", "9"), Authentication.anonymous());
        List<ByteBuf> data = new ArrayList<>();
        for (String s : List.of("abc", "def", "ghi")) {
            data.add(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
        }
        body.offer(new DefaultHttpContent(data.get(0)));
        body.offer(new DefaultHttpContent(data.get(1)));
        body.offer(new DefaultLastHttpContent(data.get(2)));
        assertFailure(S3Error.ENTITY_TOO_LARGE, body.readAll(4));
        body.abort(new S3Exception(S3Error.ENTITY_TOO_LARGE, "too large"));
        for (ByteBuf b : data) {
            assertEquals(0, b.refCnt());
        }
    }

    @Test
    public void abortReleasesQueuedPiecesAndFailsPulls() {
        HttpRequestBody body = body(headers("Content-Length", "6"), Authentication.anonymous());
        ByteBuf a = Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII);
        ByteBuf b = Unpooled.copiedBuffer("def", StandardCharsets.US_ASCII);
        body.offer(new DefaultHttpContent(a));
        body.offer(new DefaultHttpContent(b));
        assertEquals(1, a.refCnt());
        S3Exception cause = new S3Exception(S3Error.REQUEST_TIMEOUT, "closed");
        body.abort(cause);
        assertEquals(0, a.refCnt());
        assertEquals(0, b.refCnt());
        assertSame(cause, failure(body.next()));
    }

    @Test
    public void abortFailsAWaitingPull() {
        HttpRequestBody body = body(headers("Content-Length", "6"), Authentication.anonymous());
        CompletionStage<ByteBuf> waiting = body.next();
        S3Exception cause = new S3Exception(S3Error.REQUEST_TIMEOUT, "closed");
        body.abort(cause);
        assertSame(cause, failure(waiting));
    }

    @Test
    public void contentOfferedAfterAbortIsReleased() {
        HttpRequestBody body = body(headers("Content-Length", "3"), Authentication.anonymous());
        body.abort(new S3Exception(S3Error.REQUEST_TIMEOUT, "closed"));
        ByteBuf late = Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII);
        body.offer(new DefaultLastHttpContent(late));
        assertEquals(0, late.refCnt());
    }

    @Test
    public void continueIsSentOnceOnTheFirstPullThatWaits() {
        HttpRequestBody body = body(headers("Content-Length", "6"), Authentication.anonymous());
        assertEquals(0, continues.get());
        CompletionStage<ByteBuf> first = body.next();
        assertEquals(1, continues.get());
        assertEquals(1, reads.get());
        body.offer(content("abc"));
        assertEquals("abc", text(first));
        CompletionStage<ByteBuf> second = body.next();
        assertEquals(1, continues.get());
        assertEquals(2, reads.get());
        body.offer(last("def"));
        assertEquals("def", text(second));
        assertNull(join(body.next()));
        assertEquals(1, continues.get());
        assertEquals(2, reads.get());
    }

    @Test
    public void continueIsNotSentWhenTheBodyIsAlreadyThere() {
        HttpRequestBody body = body(headers("Content-Length", "3"), Authentication.anonymous());
        body.offer(last("abc"));
        assertEquals("abc", text(body.next()));
        assertNull(join(body.next()));
        assertEquals(0, continues.get());
        assertEquals(0, reads.get());
    }

    @Test
    public void secondPullBeforeTheFirstIsAnsweredFails() {
        HttpRequestBody body = body(headers("Content-Length", "3"), Authentication.anonymous());
        CompletionStage<ByteBuf> first = body.next();
        Throwable second = failure(body.next());
        assertTrue(second.toString(), second instanceof IllegalStateException);
        body.offer(last("abc"));
        assertEquals("abc", text(first));
    }

    @Test
    public void unsignedTrailerBodyIsDecoded() {
        HttpHeaders h = headers("Content-Length", "999", "x-amz-decoded-content-length", "9",
                "x-amz-trailer", "x-amz-checksum-crc32");
        HttpRequestBody body = body(h, new Authentication(KEY, PayloadMode.STREAMING_UNSIGNED_TRAILER, null, null));
        assertEquals(9, body.declaredLength());
        body.offer(content("4\r\n1234\r\n5\r\n567"));
        body.offer(last("89\r\n0\r\nx-amz-checksum-crc32:y/Q5Jg==\r\n\r\n"));
        StringBuilder all = new StringBuilder();
        for (ByteBuf piece = join(body.next()); piece != null; piece = join(body.next())) {
            all.append(piece.toString(StandardCharsets.US_ASCII));
            piece.release();
        }
        assertEquals("123456789", all.toString());
        assertEquals(Map.of("crc32", "y/Q5Jg=="), body.digests().checksums());
    }

    @Test
    public void unsignedTrailerWithWrongChecksumIsBadDigest() {
        HttpHeaders h = headers("x-amz-decoded-content-length", "9", "x-amz-trailer", "x-amz-checksum-crc32");
        HttpRequestBody body = body(h, new Authentication(KEY, PayloadMode.STREAMING_UNSIGNED_TRAILER, null, null));
        body.offer(last("9\r\n123456789\r\n0\r\nx-amz-checksum-crc32:4waSgw==\r\n\r\n"));
        assertEquals("123456789", text(body.next()));
        assertFailure(S3Error.BAD_DIGEST, body.next());
    }

    @Test
    public void chunkedFramingErrorReleasesThePayloadDecodedBeforeIt() {
        HttpHeaders h = headers("x-amz-decoded-content-length", "9", "x-amz-trailer", "x-amz-checksum-crc32");
        HttpRequestBody body = body(h, new Authentication(KEY, PayloadMode.STREAMING_UNSIGNED_TRAILER, null, null));
        ByteBuf data = Unpooled.copiedBuffer("3\r\nabc\r\nZZ\r\n", StandardCharsets.US_ASCII);
        body.offer(new DefaultHttpContent(data));
        assertEquals(0, data.refCnt());
        assertFailure(S3Error.INVALID_REQUEST, body.next());
    }

    @Test
    public void chunkedBodyEndingEarlyIsIncomplete() {
        HttpHeaders h = headers("x-amz-decoded-content-length", "3");
        HttpRequestBody body = body(h, new Authentication(KEY, PayloadMode.STREAMING_UNSIGNED_TRAILER, null, null));
        body.offer(last("3\r\nab"));
        assertFailure(S3Error.INCOMPLETE_BODY, body.next());
    }

    @Test
    public void chunkedBodyWithoutDecodedLengthIsMissingContentLength() {
        assertConstructorRefuses(S3Error.MISSING_CONTENT_LENGTH, headers("Content-Length", "10"),
                new Authentication(KEY, PayloadMode.STREAMING_UNSIGNED_TRAILER, null, null));
    }

    // --- helpers

    private HttpRequestBody body(HttpHeaders headers, Authentication auth) {
        return new HttpRequestBody(ImmediateEventExecutor.INSTANCE, headers, auth, reads::incrementAndGet,
                continues::incrementAndGet);
    }

    private void assertConstructorRefuses(S3Error expected, HttpHeaders headers, Authentication auth) {
        try {
            body(headers, auth);
            fail("accepted " + headers);
        } catch (S3Exception e) {
            assertEquals(expected, e.error());
        }
    }

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    private static DefaultHttpContent content(String s) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
    }

    private static DefaultLastHttpContent last(String s) {
        return new DefaultLastHttpContent(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
    }

    /** The piece's text; releases it. */
    private static String text(CompletionStage<ByteBuf> stage) {
        ByteBuf piece = join(stage);
        try {
            return new String(ByteBufUtil.getBytes(piece), StandardCharsets.US_ASCII);
        } finally {
            piece.release();
        }
    }

    private static <T> T join(CompletionStage<T> stage) {
        CompletableFuture<T> f = stage.toCompletableFuture();
        assertTrue("not complete", f.isDone());
        try {
            return f.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable failure(CompletionStage<?> stage) {
        CompletableFuture<?> f = stage.toCompletableFuture();
        assertTrue("not complete", f.isDone());
        try {
            Object value = f.get();
            if (value instanceof ByteBuf b) {
                b.release();
            }
            throw new AssertionError("succeeded with " + value);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
                t = t.getCause();
            }
            return t;
        }
    }

    private static void assertFailure(S3Error expected, CompletionStage<?> stage) {
        Throwable t = failure(stage);
        if (!(t instanceof S3Exception s3) || s3.error() != expected) {
            throw new AssertionError("expected " + expected + ", got " + t, t);
        }
    }

    private static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

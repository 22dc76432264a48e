package io.manticore.protocol.s3.internal.auth;

import static io.manticore.protocol.s3.internal.auth.AwsExamples.CHUNKED_SEED;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.CHUNK_SIGNATURES;
import static io.manticore.protocol.s3.internal.auth.AwsExamples.chunkSigner;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;

/** Decoding aws-chunked bodies (sigv4-streaming, sigv4-streaming-trailers): payload, signatures, framing, bounds. */
public class AwsChunkedDecoderTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final String SEED = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final Set<String> CRC32 = Set.of("x-amz-checksum-crc32");

    @Test
    public void publishedChunkSignaturesChainFromTheSeed() {
        ChunkSigner signer = chunkSigner(CHUNKED_SEED);
        byte[][] chunks = {bytes('a', 65536), bytes('a', 1024), new byte[0]};
        for (int i = 0; i < 3; i++) {
            assertEquals(CHUNK_SIGNATURES[i], signer.chunkSignature(Crypto.sha256(chunks[i])));
            signer.verifyChunk(Crypto.sha256(chunks[i]), CHUNK_SIGNATURES[i]);
        }
    }

    @Test
    public void publishedChunkedUploadDecodesToItsPayload() {
        byte[] body = publishedBody();
        assertEquals("the documented Content-Length", 66824, body.length);
        Authentication auth = AwsExamples.verifierAt(AwsExamples.TIME).verify(
                new SignedRequest("PUT", "/examplebucket/chunkObject.txt", "", AwsExamples.chunkedPutHeaders()));
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(auth.chunkSigner(), 66560, Set.of());
        assertArrayEquals(bytes('a', 66560), decodeInPieces(decoder, body, 1000));
        assertTrue(decoder.isDone());
        assertEquals(Map.of(), decoder.trailers());
    }

    @Test
    public void publishedTrailerExampleVerifies() {
        // sigv4-streaming-trailers "Example: PUT Object": same data, a CRC32C trailer, seed 106e2a8a...
        ChunkSigner signer = chunkSigner("106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "10000;chunk-signature=b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2\r\n");
        body.writeBytes(bytes('a', 65536));
        write(body, "\r\n400;chunk-signature=1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7\r\n");
        body.writeBytes(bytes('a', 1024));
        write(body, "\r\n0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\r\n"
                + "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n\r\n");
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(signer, 66560, Set.of("x-amz-checksum-crc32c"));
        assertEquals(66560, decodeInPieces(decoder, body.toByteArray(), 4096).length);
        assertTrue(decoder.isDone());
        assertEquals(Map.of("x-amz-checksum-crc32c", "sOO8/Q=="), decoder.trailers());
    }

    @Test
    public void unsignedTrailerBodyDecodes() {
        byte[] body = ascii("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n");
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(null, 3, CRC32);
        assertArrayEquals(ascii("abc"), decodeInPieces(decoder, body, body.length));
        assertTrue(decoder.isDone());
        assertEquals(Map.of("x-amz-checksum-crc32", "NSRBwg=="), decoder.trailers());
    }

    @Test
    public void signedBodySplitAtEveryByteGivesTheSamePayload() {
        byte[] payload = sampleBody();
        byte[] body = ChunkedBodies.body(chunkSigner(SEED), chunks(payload, 37), Map.of("x-amz-checksum-crc32", "AAAAAA=="));
        for (int split = 0; split <= body.length; split++) {
            AwsChunkedDecoder decoder = new AwsChunkedDecoder(chunkSigner(SEED), payload.length, CRC32);
            List<ByteBuf> out = new ArrayList<>();
            try {
                decoder.decode(direct(body, 0, split), out);
                decoder.decode(direct(body, split, body.length), out);
                assertArrayEquals("split at " + split, payload, concat(out));
                assertTrue(decoder.isDone());
                assertEquals(Map.of("x-amz-checksum-crc32", "AAAAAA=="), decoder.trailers());
            } finally {
                out.forEach(ByteBuf::release);
            }
        }
    }

    @Test
    public void bodyFedOneByteAtATimeGivesTheSamePayload() {
        byte[] payload = sampleBody();
        byte[] signed = ChunkedBodies.body(chunkSigner(SEED), chunks(payload, 50), Map.of());
        assertArrayEquals(payload, decodeInPieces(new AwsChunkedDecoder(chunkSigner(SEED), -1, Set.of()), signed, 1));
        byte[] unsigned = ChunkedBodies.body(null, chunks(payload, 50), Map.of("x-amz-checksum-crc32", "AAAAAA=="));
        assertArrayEquals(payload, decodeInPieces(new AwsChunkedDecoder(null, payload.length, CRC32), unsigned, 1));
    }

    @Test
    public void compositeInputIsHashedAcrossItsComponents() {
        byte[] payload = sampleBody();
        byte[] body = ChunkedBodies.body(chunkSigner(SEED), chunks(payload, 100), Map.of());
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        for (int from = 0; from < body.length; from += 7) {
            composite.addComponent(true, direct(body, from, Math.min(body.length, from + 7)));
        }
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(chunkSigner(SEED), payload.length, Set.of());
        List<ByteBuf> out = new ArrayList<>();
        try {
            decoder.decode(composite, out);
            assertArrayEquals(payload, concat(out));
            assertTrue(decoder.isDone());
        } finally {
            out.forEach(ByteBuf::release);
        }
    }

    @Test
    public void tamperedDataOrSignatureIsRefused() {
        byte[] body = ChunkedBodies.body(chunkSigner(SEED), chunks(sampleBody(), 64), Map.of());
        byte[] data = body.clone();
        int firstData = indexOf(data, "\r\n") + 2;
        data[firstData + 10] ^= 1;
        assertRefused(S3Error.SIGNATURE_DOES_NOT_MATCH, new AwsChunkedDecoder(chunkSigner(SEED), -1, Set.of()), data);
        byte[] signature = body.clone();
        signature[firstData - 3] = (byte) (signature[firstData - 3] == '0' ? '1' : '0');
        assertRefused(S3Error.SIGNATURE_DOES_NOT_MATCH, new AwsChunkedDecoder(chunkSigner(SEED), -1, Set.of()), signature);
        assertRefused(S3Error.SIGNATURE_DOES_NOT_MATCH, new AwsChunkedDecoder(chunkSigner(CHUNKED_SEED), -1, Set.of()), body);
    }

    @Test
    public void droppedOrReorderedChunksAreRefused() {
        ChunkSigner producer = chunkSigner(SEED);
        List<byte[]> chunks = List.of(ascii("first"), ascii("second"));
        byte[] body = ChunkedBodies.body(producer, chunks, Map.of());
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String withoutFirst = text.substring(text.indexOf("first\r\n") + 7);
        assertRefused(S3Error.SIGNATURE_DOES_NOT_MATCH, new AwsChunkedDecoder(chunkSigner(SEED), -1, Set.of()),
                withoutFirst.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    public void badTrailerSignatureIsRefused() {
        byte[] body = ChunkedBodies.body(chunkSigner(SEED), List.of(ascii("abc")), Map.of("x-amz-checksum-crc32", "NSRBwg=="));
        String text = new String(body, StandardCharsets.ISO_8859_1).replace("NSRBwg==", "AAAAAA==");
        assertRefused(S3Error.SIGNATURE_DOES_NOT_MATCH, new AwsChunkedDecoder(chunkSigner(SEED), 3, CRC32),
                text.getBytes(StandardCharsets.ISO_8859_1));
        String unsignedTrailer = new String(body, StandardCharsets.ISO_8859_1).replaceAll("x-amz-trailer-signature:[0-9a-f]+\r\n", "");
        assertRefused(S3Error.INVALID_REQUEST, new AwsChunkedDecoder(chunkSigner(SEED), 3, CRC32),
                unsignedTrailer.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    public void trailersNotAnnouncedMissingOrRepeatedAreRefused() {
        String[] bodies = {
            "3\r\nabc\r\n0\r\nx-amz-checksum-sha256:AAAA\r\n\r\n",
            "3\r\nabc\r\n0\r\n\r\n",
            "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n",
            "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\nx-amz-trailer-signature:" + SEED + "\r\n\r\n",
            "3\r\nabc\r\n0\r\nno colon\r\n\r\n",
        };
        for (String body : bodies) {
            assertRefused(body, S3Error.INVALID_REQUEST, new AwsChunkedDecoder(null, 3, CRC32), ascii(body));
        }
        assertRefused(S3Error.INVALID_REQUEST, new AwsChunkedDecoder(null, 3, Set.of()),
                ascii("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n"));
    }

    @Test
    public void payloadLongerOrShorterThanDecodedLengthIsRefused() {
        byte[] body = ascii("3\r\nabc\r\n0\r\n\r\n");
        assertRefused(S3Error.INVALID_REQUEST, new AwsChunkedDecoder(null, 2, Set.of()), body);
        assertRefused(S3Error.INCOMPLETE_BODY, new AwsChunkedDecoder(null, 4, Set.of()), body);
    }

    @Test
    public void hostileChunkSizesAreRefused() {
        String[] lines = {"fffffffffffffffff", "4000001", "-1", "xyz", "", " 3", "3 ", "+3", "0x3", "٣"};
        for (String line : lines) {
            assertRefused("size " + line, S3Error.INVALID_REQUEST, new AwsChunkedDecoder(null, -1, Set.of()),
                    ascii(line + "\r\nabc\r\n0\r\n\r\n"));
        }
        byte[] maxSize = ascii("4000000\r\nabc");
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(null, -1, Set.of());
        assertEquals("a 64 MiB chunk is accepted", 3, decodeInPieces(decoder, maxSize, maxSize.length).length);
        assertFalse(decoder.isDone());
        decoder.release();
    }

    @Test
    public void overlongChunkHeaderIsRefusedWhileStillArriving() {
        byte[] line = ascii("3;" + "x".repeat(5 * 1024) + "\r\nabc\r\n0\r\n\r\n");
        for (int piece : new int[] {line.length, 1000, 1}) {
            assertRefused(S3Error.INVALID_REQUEST, new AwsChunkedDecoder(null, -1, Set.of()), line, piece);
        }
        byte[] signedLine = ascii("3;chunk-signature=" + SEED + ";" + "x".repeat(5 * 1024) + "\r\nabc\r\n0\r\n\r\n");
        assertRefused(S3Error.INVALID_REQUEST, new AwsChunkedDecoder(chunkSigner(SEED), -1, Set.of()), signedLine, 512);
        byte[] fits = ascii("3;" + "x".repeat(4094) + "\r\nabc\r\n0\r\n\r\n");
        assertArrayEquals(ascii("abc"), decodeInPieces(new AwsChunkedDecoder(null, -1, Set.of()), fits, 100));
    }

    @Test
    public void overlongTrailerSectionIsRefused() {
        StringBuilder body = new StringBuilder("3\r\nabc\r\n0\r\n");
        body.append("x-amz-checksum-crc32:").append("A".repeat(17 * 1024)).append("\r\n\r\n");
        assertRefused(S3Error.INVALID_REQUEST, new AwsChunkedDecoder(null, -1, CRC32), ascii(body.toString()), 700);
    }

    @Test
    public void malformedFramingIsRefused() {
        String[] bodies = {
            "3\r\nabcd\r\n0\r\n\r\n",
            "3\r\nab\r\n\r\n0\r\n\r\n",
            "3\nabc\r\n0\r\n\r\n",
            "3\r\nabc\n0\r\n\r\n",
            "3\r\nabc\r\n0\r\n\r\nextra",
        };
        for (String body : bodies) {
            assertRefused(body, S3Error.INVALID_REQUEST, new AwsChunkedDecoder(null, -1, Set.of()), ascii(body));
        }
        String[] signed = {"3\r\nabc\r\n0\r\n\r\n", "3;chunk-signature=abc\r\nabc\r\n", "3;chunk-signature=" + SEED.toUpperCase() + "\r\n"};
        for (String body : signed) {
            assertRefused(body, S3Error.INVALID_REQUEST, new AwsChunkedDecoder(chunkSigner(SEED), -1, Set.of()), ascii(body));
        }
    }

    @Test
    public void decoderRefusesInputAfterAFailureAndReleaseIsIdempotent() {
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(null, -1, Set.of());
        List<ByteBuf> out = new ArrayList<>();
        try {
            decoder.decode(direct(ascii("3\r\nab"), 0, 5), out);
            decoder.release();
            decoder.release();
            S3Exception e = assertThrows(S3Exception.class, () -> decoder.decode(direct(ascii("c\r\n"), 0, 3), out));
            assertEquals(S3Error.INVALID_REQUEST, e.error());
            assertFalse(decoder.isDone());
        } finally {
            out.forEach(ByteBuf::release);
        }
    }

    @Test
    public void partialHeaderIsDroppedOnRelease() {
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(chunkSigner(SEED), -1, Set.of());
        List<ByteBuf> out = new ArrayList<>();
        decoder.decode(direct(ascii("10;chunk-sig"), 0, 12), out);
        assertEquals(List.of(), out);
        decoder.release();
        decoder.release();
    }

    private static byte[] publishedBody() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "10000;chunk-signature=" + CHUNK_SIGNATURES[0] + "\r\n");
        body.writeBytes(bytes('a', 65536));
        write(body, "\r\n400;chunk-signature=" + CHUNK_SIGNATURES[1] + "\r\n");
        body.writeBytes(bytes('a', 1024));
        write(body, "\r\n0;chunk-signature=" + CHUNK_SIGNATURES[2] + "\r\n\r\n");
        return body.toByteArray();
    }

    /** Decodes {@code body} in pieces of {@code piece} bytes; returns the payload, all buffers released. */
    private static byte[] decodeInPieces(AwsChunkedDecoder decoder, byte[] body, int piece) {
        List<ByteBuf> out = new ArrayList<>();
        try {
            for (int from = 0; from < body.length; from += piece) {
                decoder.decode(direct(body, from, Math.min(body.length, from + piece)), out);
            }
            return concat(out);
        } finally {
            out.forEach(ByteBuf::release);
        }
    }

    private static void assertRefused(S3Error expected, AwsChunkedDecoder decoder, byte[] body) {
        assertRefused("", expected, decoder, body);
    }

    private static void assertRefused(String what, S3Error expected, AwsChunkedDecoder decoder, byte[] body) {
        assertRefused(what, expected, decoder, body, body.length);
    }

    private static void assertRefused(S3Error expected, AwsChunkedDecoder decoder, byte[] body, int piece) {
        assertRefused("", expected, decoder, body, piece);
    }

    private static void assertRefused(String what, S3Error expected, AwsChunkedDecoder decoder, byte[] body, int piece) {
        S3Exception e = assertThrows(what, S3Exception.class, () -> decodeInPieces(decoder, body, Math.max(1, piece)));
        assertEquals(what + ": " + e.getMessage(), expected, e.error());
        assertFalse(decoder.isDone());
        decoder.release();
    }

    private static ByteBuf direct(byte[] data, int from, int to) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(1, to - from));
        buf.writeBytes(data, from, to - from);
        return buf;
    }

    private static byte[] concat(List<ByteBuf> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf part : parts) {
            byte[] bytes = new byte[part.readableBytes()];
            part.getBytes(part.readerIndex(), bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static List<byte[]> chunks(byte[] payload, int size) {
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < payload.length; from += size) {
            chunks.add(Arrays.copyOfRange(payload, from, Math.min(payload.length, from + size)));
        }
        return chunks;
    }

    private static byte[] sampleBody() {
        byte[] payload = new byte[300];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        return payload;
    }

    private static int indexOf(byte[] data, String text) {
        return new String(data, StandardCharsets.ISO_8859_1).indexOf(text);
    }

    private static byte[] bytes(char c, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}

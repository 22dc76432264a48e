package io.manticore.protocol.s3.internal.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.netty.buffer.ByteBuf;

/**
 * Decodes an aws-chunked request body (Content-Encoding: aws-chunked, sigv4-streaming) into its payload,
 * checking each chunk's signature when the chunks are signed, then the trailing headers. Payload is
 * handed out as it arrives, before its chunk's signature is checked: on an exception the caller must
 * discard everything it was given. One body, one thread: not thread-safe.
 */
public final class AwsChunkedDecoder {

    /** At most this many bytes of chunk header (size and extensions) per chunk. */
    static final int MAX_CHUNK_HEADER = 4096;
    /** At most this many bytes of trailing headers, CRLFs included. */
    static final int MAX_TRAILER_SECTION = 16 * 1024;

    private enum State { CHUNK_HEADER, DATA, DATA_CR, DATA_LF, TRAILERS, DONE, FAILED }

    private final ChunkSigner chunkSigner;
    private final long decodedLength;
    private final MessageDigest chunkDigest;
    private final LineReader lines = new LineReader();
    private final TrailerSection trailerSection;
    private State state = State.CHUNK_HEADER;
    private long chunkRemaining;
    private String chunkSignature;
    private long decoded;
    private int trailerBytes;
    private Map<String, String> trailers = Map.of();

    /**
     * {@code chunkSigner} is null for STREAMING_UNSIGNED_TRAILER; {@code decodedLength} is
     * x-amz-decoded-content-length or -1; {@code trailerNames} are the lower-case names in x-amz-trailer.
     */
    public AwsChunkedDecoder(ChunkSigner chunkSigner, long decodedLength, Set<String> trailerNames) {
        this.chunkSigner = chunkSigner;
        this.decodedLength = decodedLength;
        this.chunkDigest = chunkSigner != null ? Crypto.sha256() : null;
        this.trailerSection = new TrailerSection(chunkSigner, Set.copyOf(trailerNames));
    }

    /**
     * Takes ownership of {@code in} (releases it; payload keeps retained slices of it). Appends retained
     * slices of payload to {@code out}, which the caller releases, also when this throws.
     */
    public void decode(ByteBuf in, List<ByteBuf> out) throws S3Exception {
        try {
            if (state == State.FAILED) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "The aws-chunked body was already refused.");
            }
            while (in.isReadable()) {
                switch (state) {
                    case CHUNK_HEADER -> readChunkHeader(in);
                    case DATA -> readData(in, out);
                    case DATA_CR -> expect(in, '\r', State.DATA_LF);
                    case DATA_LF -> expect(in, '\n', State.CHUNK_HEADER);
                    case TRAILERS -> readTrailerLine(in);
                    default -> throw new S3Exception(S3Error.INVALID_REQUEST, "Data follows the end of the aws-chunked body.");
                }
            }
        } catch (RuntimeException e) {
            fail();
            throw e;
        } finally {
            in.release();
        }
    }

    /** True once the final chunk and the trailing headers have been read and verified. */
    public boolean isDone() {
        return state == State.DONE;
    }

    /** The trailing headers received, by lower-case name (e.g. "x-amz-checksum-crc32" to its base64 value). */
    public Map<String, String> trailers() {
        return trailers;
    }

    /** Frees any buffered partial input; the decoder takes no more. Idempotent. */
    public void release() {
        if (state != State.DONE) {
            fail();
        }
    }

    private void fail() {
        state = State.FAILED;
        lines.clear();
    }

    private void readChunkHeader(ByteBuf in) {
        String line = lines.read(in, MAX_CHUNK_HEADER, "A chunk header of the aws-chunked body is longer than 4096 bytes.");
        if (line == null) {
            return;
        }
        ChunkHeader header = ChunkHeader.parse(line, chunkSigner != null);
        if (decodedLength >= 0 && decoded + header.size() > decodedLength) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "The aws-chunked body holds more than its x-amz-decoded-content-length of " + decodedLength + " bytes.");
        }
        chunkSignature = header.signature();
        chunkRemaining = header.size();
        if (header.size() > 0) {
            state = State.DATA;
            return;
        }
        if (decodedLength >= 0 && decoded < decodedLength) {
            throw new S3Exception(S3Error.INCOMPLETE_BODY, "You did not provide the number of bytes specified by "
                    + "x-amz-decoded-content-length (" + decoded + " of " + decodedLength + ").");
        }
        verifyChunk();
        state = State.TRAILERS;
    }

    private void readData(ByteBuf in, List<ByteBuf> out) {
        int length = (int) Math.min(chunkRemaining, in.readableBytes());
        int index = in.readerIndex();
        if (chunkDigest != null) {
            for (ByteBuffer part : in.nioBuffers(index, length)) {
                chunkDigest.update(part);
            }
        }
        out.add(in.retainedSlice(index, length));
        in.skipBytes(length);
        chunkRemaining -= length;
        decoded += length;
        if (chunkRemaining == 0) {
            verifyChunk();
            state = State.DATA_CR;
        }
    }

    private void verifyChunk() {
        if (chunkSigner != null) {
            chunkSigner.verifyChunk(chunkDigest.digest(), chunkSignature);
        }
    }

    private void expect(ByteBuf in, char expected, State next) {
        if (in.readByte() != expected) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "A chunk of the aws-chunked body is not followed by CRLF.");
        }
        state = next;
    }

    private void readTrailerLine(ByteBuf in) {
        String line = lines.read(in, MAX_TRAILER_SECTION - trailerBytes - 2,
                "The trailing headers of the aws-chunked body are longer than 16 KiB.");
        if (line == null) {
            return;
        }
        trailerBytes += line.length() + 2;
        if (!line.isEmpty()) {
            trailerSection.add(line);
            return;
        }
        trailers = trailerSection.finish();
        state = State.DONE;
    }
}

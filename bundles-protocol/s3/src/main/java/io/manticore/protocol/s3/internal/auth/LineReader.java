package io.manticore.protocol.s3.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.netty.buffer.ByteBuf;

/** Gathers one CRLF-terminated line from input that may arrive in pieces, copying at most a bounded number of bytes. */
final class LineReader {

    private byte[] buffer = new byte[128];
    private int length;

    /**
     * Reads from {@code in} up to the end of a line and returns the line without its CRLF, or null when
     * {@code in} ends first (what was read is kept for the next call). Refuses a line longer than
     * {@code maxLength} bytes, or one ended by a bare LF.
     */
    String read(ByteBuf in, int maxLength, String tooLong) throws S3Exception {
        int start = in.readerIndex();
        int window = Math.min(in.readableBytes(), Math.max(0, maxLength + 2 - length));
        int lf = in.indexOf(start, start + window, (byte) '\n');
        int taken = lf < 0 ? window : lf - start + 1;
        if (lf < 0 && length + window >= maxLength + 2) {
            throw new S3Exception(S3Error.INVALID_REQUEST, tooLong);
        }
        if (length + taken > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + taken, Math.min(buffer.length * 2, maxLength + 2)));
        }
        in.readBytes(buffer, length, taken);
        length += taken;
        if (lf < 0) {
            return null;
        }
        if (length < 2 || buffer[length - 2] != '\r') {
            throw new S3Exception(S3Error.INVALID_REQUEST, "A line of the aws-chunked body does not end with CRLF.");
        }
        String line = new String(buffer, 0, length - 2, StandardCharsets.ISO_8859_1);
        length = 0;
        return line;
    }

    /** Drops any partial line. */
    void clear() {
        length = 0;
        buffer = new byte[0];
    }
}

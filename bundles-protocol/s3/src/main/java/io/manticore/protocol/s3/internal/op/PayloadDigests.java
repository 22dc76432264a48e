package io.manticore.protocol.s3.internal.op;

import java.util.Map;

/**
 * What was computed over a payload: its MD5 (the ETag of a simple PUT) and the x-amz-checksum
 * values, by algorithm name in lower case ({@code crc32}, {@code crc32c}, {@code sha1}, {@code sha256}), base64.
 */
public record PayloadDigests(byte[] md5, long length, Map<String, String> checksums) {
    public PayloadDigests {
        checksums = Map.copyOf(checksums);
    }
}
